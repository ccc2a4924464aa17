namespace Basalt.Rpm.Signatures;

/// <summary>The verdict on one digest, size or signature.</summary>
public enum RpmCheckResult
{
    /// <summary>The value matches; for a signature, it verifies with a key of the keyring.</summary>
    Ok,

    /// <summary>The value does not match, or the signature does not verify: the package was altered.</summary>
    Bad,

    /// <summary>No key of the keyring made this signature (or no keyring was given).</summary>
    NoKey,

    /// <summary>The algorithm is not supported here; the check neither passes nor fails.</summary>
    Unsupported,
}

/// <summary>What a check covers.</summary>
public enum RpmCheckKind
{
    Digest,
    Size,
    Signature,
}

/// <summary>
/// One line of a package verification, as <c>rpm -Kv</c> prints one per digest and signature. Digests and sizes carry
/// the expected and actual values; signatures carry the packet's version, algorithms and issuer.
/// </summary>
public sealed record RpmCheck(RpmCheckKind Kind, string Name, int Tag, RpmCheckResult Result)
{
    public string? Expected { get; init; }

    public string? Actual { get; init; }

    /// <summary>The signature packet's self-description; null for digests and for a packet that could not be parsed.</summary>
    public OpenPgpSignatureInfo? Signature { get; init; }

    /// <summary>The fingerprint of the key that verified (or failed to verify) the signature.</summary>
    public string? KeyFingerprint { get; init; }

    /// <summary>Why the result is not OK, when there is more to say than the values.</summary>
    public string? Detail { get; init; }

    /// <summary>The result as rpm spells it: OK, BAD, NOKEY, UNSUPPORTED.</summary>
    public string ResultText => Result switch
    {
        RpmCheckResult.Ok => "OK",
        RpmCheckResult.Bad => "BAD",
        RpmCheckResult.NoKey => "NOKEY",
        _ => "UNSUPPORTED",
    };

    /// <summary>One line in the style of <c>rpm -Kv</c>, with the full 16-digit key ID.</summary>
    public override string ToString()
    {
        var text = $"{Name}: {ResultText}";
        if (Result == RpmCheckResult.Bad && Expected is not null)
        {
            text += $" (expected {Expected}, actual {Actual})";
        }
        else if (Result != RpmCheckResult.Ok && Detail is not null)
        {
            text += $" ({Detail})";
        }

        return text;
    }
}
