namespace Basalt.Trust.Dsse;

/// <summary>
/// Base64 as DSSE reads it (envelope.md, protocol.md): the standard or the URL-safe alphabet (RFC 4648 §4, §5),
/// padding optional. Anything else (whitespace, mixed garbage) is an error rather than silently skipped.
/// </summary>
internal static class DsseBase64
{
    public static byte[] Decode(string text, string name, string field)
    {
        var length = text.Length;
        while (length > 0 && text[length - 1] == '=')
        {
            length--;
        }

        if (text.Length - length > 2 || length % 4 == 1)
        {
            throw Invalid(name, field);
        }

        var chars = new char[(length + 3) / 4 * 4];
        for (var i = 0; i < length; i++)
        {
            chars[i] = text[i] switch
            {
                (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' => text[i],
                '-' => '+',
                '_' => '/',
                _ => throw Invalid(name, field),
            };
        }

        chars.AsSpan(length).Fill('=');
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64CharArray(chars, 0, chars.Length);
        }
        catch (FormatException exception)
        {
            throw new InvalidDataException($"DSSE envelope '{name}': '{field}' is not valid base64.", exception);
        }

        // RFC 4648 §3.5: the bits after the last byte must be zero, or two spellings decode alike and an edit to the
        // file would leave the signed bytes unchanged.
        if (!Convert.ToBase64String(bytes).AsSpan().SequenceEqual(chars))
        {
            throw new InvalidDataException($"DSSE envelope '{name}': '{field}' is not canonical base64 (non-zero padding bits).");
        }

        return bytes;
    }

    private static InvalidDataException Invalid(string name, string field)
        => new($"DSSE envelope '{name}': '{field}' is not valid base64 (standard or URL-safe).");
}
