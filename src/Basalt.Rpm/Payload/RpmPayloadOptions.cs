using Basalt.Compression;

namespace Basalt.Rpm.Payload;

/// <summary>Bounds and switches for reading a package payload.</summary>
public sealed record RpmPayloadOptions
{
    public static RpmPayloadOptions Default { get; } = new();

    /// <summary>
    /// Decompression bounds. Null (the default) derives them from the package: the declared uncompressed size
    /// (PAYLOADSIZE / LONGARCHIVESIZE) plus one cpio trailer's slack, or <see cref="DecompressionLimits.Default"/>
    /// when the package declares none.
    /// </summary>
    public DecompressionLimits? Limits { get; init; }

    /// <summary>Check each regular file's content against the header's digest (FILEDIGESTS) as it streams past.</summary>
    public bool VerifyFileDigests { get; init; } = true;

    /// <summary>
    /// Once the payload has been read to its end, check its uncompressed size against the signature header's
    /// PAYLOADSIZE/LONGARCHIVESIZE and its digest against PAYLOADDIGESTALT, as <c>rpm -K</c> does; a mismatch throws from
    /// the <see cref="RpmPayloadReader.Next"/> call that reaches the end. Lets a caller that verified the compressed
    /// payload (RpmPackageVerifier without its uncompressed checks) finish the verification on the one decompression.
    /// </summary>
    public bool VerifyPayloadDigest { get; init; }

    /// <summary>
    /// With <see cref="VerifyPayloadDigest"/>: check the uncompressed size but leave PAYLOADDIGESTALT out. For a caller that
    /// verified the compressed payload against PAYLOADDIGEST (as rpm does before installing) and reads those same bytes:
    /// they fix the uncompressed bytes, and every regular file's content is still checked against FILEDIGESTS
    /// (<see cref="VerifyFileDigests"/>), as rpm checks them while unpacking. Hashing the uncompressed payload again would
    /// cost a second SHA-256 pass over every byte without refusing anything those checks let through.
    /// </summary>
    public bool CompressedPayloadVerified { get; init; }
}
