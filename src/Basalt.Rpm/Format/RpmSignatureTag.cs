namespace Basalt.Rpm.Format;

/// <summary>
/// Tags of the signature header (rpm's rpmtag.h, rpmSigTag). The header-range digests and signatures
/// (267–279) share numbers with <see cref="RpmTag"/>; the legacy ones reuse 1000–1008 with a
/// different meaning from the main header's tags.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "rpm's own tag names carry the digit suffixes.")]
public enum RpmSignatureTag
{
    Dsa = 267,
    Rsa = 268,
    Sha1 = 269,
    LongSize = 270,
    LongArchiveSize = 271,
    Sha256 = 273,
    FileSignatures = 274,
    FileSignatureLength = 275,
    VeritySignatures = 276,
    VeritySignatureAlgo = 277,
    OpenPgp = 278,
    Sha3_256 = 279,

    /// <summary>Header + payload size (int32).</summary>
    Size = 1000,
    LeMd5_1 = 1001,

    /// <summary>A v3 OpenPGP signature (RSA) over the header and payload.</summary>
    Pgp = 1002,
    LeMd5_2 = 1003,

    /// <summary>MD5 over the header and payload.</summary>
    Md5 = 1004,

    /// <summary>An OpenPGP signature (DSA, or any algorithm) over the header and payload.</summary>
    Gpg = 1005,
    Pgp5 = 1006,

    /// <summary>Uncompressed payload size (int32).</summary>
    PayloadSize = 1007,

    /// <summary>Padding reserved so a signature can be added in place.</summary>
    ReservedSpace = 1008,
}
