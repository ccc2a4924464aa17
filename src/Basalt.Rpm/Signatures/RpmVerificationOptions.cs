namespace Basalt.Rpm.Signatures;

/// <summary>What <see cref="RpmPackageVerifier"/> checks beyond the header and the compressed payload.</summary>
public sealed record RpmVerificationOptions
{
    public static RpmVerificationOptions Default { get; } = new();

    /// <summary>
    /// Decompress the payload to check its uncompressed size (PAYLOADSIZE/LONGARCHIVESIZE) and PAYLOADDIGESTALT, as
    /// <c>rpm -K</c> does. Off, those checks are left out of the report and the payload is not decompressed: for a caller
    /// that decompresses the payload anyway and checks them then (RpmPayloadOptions.VerifyPayloadDigest), so an
    /// installation decompresses each package once. The compressed payload's digest (PAYLOADDIGEST), the header digests
    /// and every signature are checked either way.
    /// </summary>
    public bool CheckUncompressedPayload { get; init; } = true;
}
