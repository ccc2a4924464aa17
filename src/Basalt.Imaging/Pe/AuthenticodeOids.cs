using System.Security.Cryptography;

namespace Basalt.Imaging.Pe;

/// <summary>
/// Object identifiers of Authenticode ("Windows Authenticode Portable Executable Signature Format", Microsoft 2008)
/// and of the CMS/PKCS#7 structures around it (RFC 5652, RFC 2315, RFC 8017, RFC 5758).
/// </summary>
internal static class AuthenticodeOids
{
    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string ContentType = "1.2.840.113549.1.9.3";
    public const string MessageDigest = "1.2.840.113549.1.9.4";
    public const string SigningTime = "1.2.840.113549.1.9.5";

    /// <summary>SPC_INDIRECT_DATA_OBJID: the content type of an Authenticode signature.</summary>
    public const string SpcIndirectDataContent = "1.3.6.1.4.1.311.2.1.4";

    /// <summary>SPC_PE_IMAGE_DATAOBJ: the attribute type saying the indirect data is a PE image digest.</summary>
    public const string SpcPeImageData = "1.3.6.1.4.1.311.2.1.15";

    /// <summary>SPC_SP_OPUS_INFO_OBJID: optional program name and URL; signtool and sbsign add an empty one.</summary>
    public const string SpcSpOpusInfo = "1.3.6.1.4.1.311.2.1.12";

    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";

    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string Sha256WithRsaEncryption = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsaEncryption = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsaEncryption = "1.2.840.113549.1.1.13";

    /// <summary>The digest OID of a supported hash algorithm.</summary>
    public static string DigestOid(HashAlgorithmName algorithm) => algorithm.Name switch
    {
        "SHA1" => Sha1,
        "SHA256" => Sha256,
        "SHA384" => Sha384,
        "SHA512" => Sha512,
        _ => throw new NotSupportedException($"Hash algorithm '{algorithm.Name}' is not supported for Authenticode."),
    };

    /// <summary>Maps a digest OID to its algorithm, or null for one Basalt does not compute.</summary>
    public static HashAlgorithmName? DigestAlgorithm(string oid) => oid switch
    {
        Sha1 => HashAlgorithmName.SHA1,
        Sha256 => HashAlgorithmName.SHA256,
        Sha384 => HashAlgorithmName.SHA384,
        Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };
}
