using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Basalt.Rpm.Signatures;

/// <summary>
/// One signing-capable key of a keyring: a primary key or a subkey, with the reason it may not be used (a subkey
/// without a valid binding signature from its primary, CVE-2021-3521).
/// </summary>
public sealed class OpenPgpKey
{
    internal OpenPgpKey(PgpPublicKey key, PgpPublicKey primary, string source, string? unusableReason)
    {
        Key = key;
        Primary = primary;
        Source = source;
        UnusableReason = unusableReason;
        KeyId = unchecked((ulong)key.KeyId);
        Fingerprint = key.GetFingerprint();
        IsSubkey = !ReferenceEquals(key, primary);
        UserId = primary.GetUserIds().FirstOrDefault();
    }

    internal OpenPgpKey(OpenPgpV6Key key, bool isSubkey, string? userId, string source, string? unusableReason)
    {
        V6 = key;
        Source = source;
        UnusableReason = unusableReason;
        KeyId = key.KeyId;
        Fingerprint = key.Fingerprint;
        IsSubkey = isSubkey;
        UserId = userId;
    }

    public ulong KeyId { get; }

    public string KeyIdHex => KeyId.ToString("x16");

    public byte[] Fingerprint { get; }

    public string FingerprintHex => Convert.ToHexStringLower(Fingerprint);

    public bool IsSubkey { get; }

    /// <summary>The first user ID of the primary key, for display.</summary>
    public string? UserId { get; }

    /// <summary>The key file it came from.</summary>
    public string Source { get; }

    /// <summary>Null when the key may verify signatures; otherwise why not.</summary>
    public string? UnusableReason { get; }

    /// <summary>The library's key (v4 and older); null for a version 6 key.</summary>
    internal PgpPublicKey? Key { get; }

    internal PgpPublicKey? Primary { get; }

    /// <summary>A version 6 key, which Basalt verifies itself; null for older keys.</summary>
    internal OpenPgpV6Key? V6 { get; }
}
