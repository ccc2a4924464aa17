namespace Basalt.Trust.Keys;

/// <summary>The object identifiers of the key formats we read and write, each with the spec that assigns it.</summary>
internal static class KeyOids
{
    /// <summary>id-Ed25519 (RFC 8410 §3).</summary>
    public const string Ed25519 = "1.3.101.112";

    /// <summary>id-ecPublicKey (RFC 5480 §2.1.1).</summary>
    public const string EcPublicKey = "1.2.840.10045.2.1";

    /// <summary>secp256r1 / prime256v1 / NIST P-256 (RFC 5480 §2.1.1.1).</summary>
    public const string P256 = "1.2.840.10045.3.1.7";

    /// <summary>id-PBES2 (RFC 8018 §A.4).</summary>
    public const string Pbes2 = "1.2.840.113549.1.5.13";

    /// <summary>id-PBKDF2 (RFC 8018 §A.2).</summary>
    public const string Pbkdf2 = "1.2.840.113549.1.5.12";

    /// <summary>hmacWithSHA1 … hmacWithSHA512 (RFC 8018 §B.1.1, B.1.2).</summary>
    public const string HmacWithSha1 = "1.2.840.113549.2.7";

    public const string HmacWithSha256 = "1.2.840.113549.2.9";

    public const string HmacWithSha384 = "1.2.840.113549.2.10";

    public const string HmacWithSha512 = "1.2.840.113549.2.11";

    /// <summary>aes128-CBC, aes192-CBC, aes256-CBC (NIST CSOR; RFC 8018 §B.2.5 uses them with PBES2).</summary>
    public const string Aes128Cbc = "2.16.840.1.101.3.4.1.2";

    public const string Aes192Cbc = "2.16.840.1.101.3.4.1.22";

    public const string Aes256Cbc = "2.16.840.1.101.3.4.1.42";

    /// <summary>A readable name for an algorithm or curve we refuse, so the error says what the file holds.</summary>
    public static string Describe(string oid) => oid switch
    {
        "1.2.840.113549.1.1.1" => $"RSA ({oid})",
        "1.2.840.10040.4.1" => $"DSA ({oid})",
        "1.3.101.113" => $"Ed448 ({oid})",
        "1.3.101.110" => $"X25519 ({oid})",
        "1.3.101.111" => $"X448 ({oid})",
        "1.3.132.0.34" => $"secp384r1 ({oid})",
        "1.3.132.0.35" => $"secp521r1 ({oid})",
        "1.3.132.0.10" => $"secp256k1 ({oid})",
        "1.3.36.3.3.2.8.1.1.7" => $"brainpoolP256r1 ({oid})",
        _ => oid,
    };
}
