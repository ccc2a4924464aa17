namespace Basalt.Rpm.Metadata;

/// <summary>
/// Hash algorithms as numbered by OpenPGP (RFC 4880 §9.4, RFC 9580 §9.5), which rpm uses for
/// RPMTAG_FILEDIGESTALGO and RPMTAG_PAYLOADDIGESTALGO. A package without FILEDIGESTALGO uses MD5.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores",
    Justification = "The digit suffixes are the algorithms' names.")]
public enum RpmDigestAlgorithm
{
    Md5 = 1,
    Sha1 = 2,
    RipeMd160 = 3,
    Md2 = 5,
    Tiger192 = 6,
    Haval5_160 = 7,
    Sha256 = 8,
    Sha384 = 9,
    Sha512 = 10,
    Sha224 = 11,
    Sha3_256 = 12,
    Sha3_512 = 14,
}
