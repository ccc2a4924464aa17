using System.Security.Cryptography;

namespace Basalt.Rpm.Signatures;

/// <summary>
/// OpenPGP algorithm identifiers (RFC 9580 sections 9.1 and 9.5; the post-quantum ones from
/// draft-ietf-openpgp-pqc) and the names rpm prints for them.
/// </summary>
public static class OpenPgpAlgorithms
{
    public const int Rsa = 1;
    public const int RsaSignOnly = 3;
    public const int Dsa = 17;
    public const int Ecdsa = 19;
    public const int EdDsaLegacy = 22;
    public const int Ed25519 = 27;
    public const int Ed448 = 28;
    public const int MlDsa65Ed25519 = 30;
    public const int MlDsa87Ed448 = 31;

    public const int Md5 = 1;
    public const int Sha1 = 2;
    public const int Ripemd160 = 3;
    public const int Sha256 = 8;
    public const int Sha384 = 9;
    public const int Sha512 = 10;
    public const int Sha224 = 11;
    public const int Sha3With256 = 12;
    public const int Sha3With512 = 14;

    /// <summary>The public-key algorithm's name as rpm prints it ("RSA", "DSA", "ECDSA", "EdDSA", …).</summary>
    public static string PublicKeyName(int algorithm) => algorithm switch
    {
        Rsa or RsaSignOnly => "RSA",
        Dsa => "DSA",
        Ecdsa => "ECDSA",
        EdDsaLegacy => "EdDSA",
        Ed25519 => "Ed25519",
        Ed448 => "Ed448",
        MlDsa65Ed25519 => "ML-DSA-65+Ed25519",
        MlDsa87Ed448 => "ML-DSA-87+Ed448",
        _ => $"pubkey-algo-{algorithm}",
    };

    /// <summary>The hash algorithm's name as rpm prints it ("SHA256", "SHA1", …).</summary>
    public static string HashName(int algorithm) => algorithm switch
    {
        Md5 => "MD5",
        Sha1 => "SHA1",
        Ripemd160 => "RIPEMD160",
        Sha256 => "SHA256",
        Sha384 => "SHA384",
        Sha512 => "SHA512",
        Sha224 => "SHA224",
        Sha3With256 => "SHA3-256",
        Sha3With512 => "SHA3-512",
        _ => $"hash-algo-{algorithm}",
    };

    /// <summary>
    /// An incremental hash for an OpenPGP hash algorithm id (rpm's PAYLOADDIGESTALGO and FILEDIGESTALGO use the same
    /// numbers), or null when the platform has no implementation (RIPEMD-160, SHA-224, or SHA-3 without OpenSSL 1.1.1).
    /// </summary>
    public static IncrementalHash? CreateHash(int algorithm)
    {
        HashAlgorithmName? name = algorithm switch
        {
            Md5 => HashAlgorithmName.MD5,
            Sha1 => HashAlgorithmName.SHA1,
            Sha256 => HashAlgorithmName.SHA256,
            Sha384 => HashAlgorithmName.SHA384,
            Sha512 => HashAlgorithmName.SHA512,
            Sha3With256 when SHA3_256.IsSupported => HashAlgorithmName.SHA3_256,
            Sha3With512 when SHA3_512.IsSupported => HashAlgorithmName.SHA3_512,
            _ => null,
        };
        return name is { } n ? IncrementalHash.CreateHash(n) : null;
    }
}
