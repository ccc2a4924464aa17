using Basalt.IO;
using Basalt.Rpm.Format;
using Basalt.Rpm.Signatures;

namespace Basalt.Rpm.Payload;

public sealed partial class RpmPayloadReader
{
    /// <summary>
    /// With <see cref="RpmPayloadOptions.VerifyPayloadDigest"/>: the hash of the uncompressed payload (PAYLOADDIGESTALT)
    /// fed by the bytes the cpio reader consumes, or null when the package has no such digest, the option is off, or
    /// <see cref="RpmPayloadOptions.CompressedPayloadVerified"/> leaves it out.
    /// </summary>
    private static HashingStream? CreatePayloadHash(Stream payload, RpmPackageHeaders headers, RpmPayloadOptions options, List<string> warnings)
    {
        if (!options.VerifyPayloadDigest || options.CompressedPayloadVerified || headers.Header.GetStrings(RpmTag.PayloadDigestAlt).Length == 0)
        {
            return null;
        }

        var algorithm = (int)(headers.Header.GetNumber(RpmTag.PayloadDigestAlgo) ?? OpenPgpAlgorithms.Sha256);
        if (OpenPgpAlgorithms.CreateHash(algorithm) is not { } hash)
        {
            warnings.Add($"'{headers.Source}': payload digest algorithm {algorithm} is not supported; the uncompressed payload digest is not verified.");
            return null;
        }

        return new HashingStream(payload, hash, leaveOpen: true);
    }

    /// <summary>
    /// After the trailer, with <see cref="RpmPayloadOptions.VerifyPayloadDigest"/>: reads the payload to its end (the
    /// padding after the trailer counts) and compares its size with the signature header's PAYLOADSIZE/LONGARCHIVESIZE and
    /// its digest with PAYLOADDIGESTALT — the checks <c>rpm -K</c> makes over the uncompressed payload (rpm's lib/rpmvs.c),
    /// made here on the one decompression an installation does anyway.
    /// </summary>
    private void VerifyPayload()
    {
        if (!_options.VerifyPayloadDigest)
        {
            return;
        }

        var source = (Stream?)_payloadHash ?? _payload;
        var scratch = new byte[8192];
        while (source.Read(scratch) > 0)
        {
        }

        var signature = Headers.Signature;
        var sizeTag = signature.Contains((int)RpmSignatureTag.LongArchiveSize) ? RpmSignatureTag.LongArchiveSize : RpmSignatureTag.PayloadSize;
        if (signature.GetNumber((int)sizeTag) is { } declared && (ulong)_payload.DecompressedBytes != declared)
        {
            throw new InvalidDataException(
                $"'{Source}': the uncompressed payload has {_payload.DecompressedBytes} bytes but the signature header's {TagName(sizeTag)} says {declared}.");
        }

        if (_payloadHash is null)
        {
            return;
        }

        var expected = Headers.Header.GetStrings(RpmTag.PayloadDigestAlt)[0];
        var actual = Convert.ToHexStringLower(_payloadHash.GetHashAndReset());
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"'{Source}': the uncompressed payload's digest {actual} does not match the header's PAYLOADDIGESTALT {expected.ToLowerInvariant()}.");
        }
    }

    private static string TagName(RpmSignatureTag tag) => tag == RpmSignatureTag.LongArchiveSize ? "LONGARCHIVESIZE" : "PAYLOADSIZE";
}
