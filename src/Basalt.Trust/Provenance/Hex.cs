namespace Basalt.Trust.Provenance;

internal static class Hex
{
    /// <summary>64 lowercase hex digits, the spelling in-toto, sha256sum and rpm-md use.</summary>
    public static bool IsSha256(string? text)
        => text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
