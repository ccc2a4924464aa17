using System.Security.Cryptography;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Writer;

/// <summary>
/// Writes a binary RPM v4 package: lead, signature header padded to 8 bytes, main header, compressed cpio payload
/// (rpm's doc/manual/format.md). The payload is written first to a temporary file because the main header records
/// its digests and the signature header records digests over the main header and the payload. Output depends only
/// on the definition, the file contents and the options (with SOURCE_DATE_EPOCH set).
/// </summary>
internal static class RpmPackageWriter
{
    private const int CopyBufferSize = 128 * 1024;

    public static void Write(RpmPackageDefinition package, RpmWriterOptions options, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (options.SourceDateEpoch is < 0 or > uint.MaxValue)
        {
            // The v4 header stores times as unsigned 32-bit seconds (RPMTAG_BUILDTIME, RPMTAG_FILEMTIMES).
            throw new ArgumentOutOfRangeException(nameof(options), options.SourceDateEpoch, $"SOURCE_DATE_EPOCH {options.SourceDateEpoch} is outside 0..{uint.MaxValue}, the range of rpm's 32-bit times.");
        }

        // Load the key first: a bad key should fail before minutes of compression.
        var signer = options.SigningKeyPath is { } keyPath ? RpmHeaderSigner.Load(keyPath, options.SigningKeyPassphrase) : null;
        var files = RpmFileList.Create(package.Files);
        var buildTime = options.SourceDateEpoch ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var tempPath = Path.Combine(Path.GetTempPath(), $"basalt-payload-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        using var payloadFile = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, CopyBufferSize, FileOptions.DeleteOnClose);
        var payload = RpmPayloadWriter.Write(files, payloadFile, options.Compression, options.EffectiveLevel, cancellationToken);
        var header = RpmMainHeader.Build(package, files, payload, options, buildTime);
        var (sha1, sha256) = RpmSignatureHeader.HeaderDigests(header);

        // RPMSIGTAG_MD5 covers header + payload; rpmbuild 4.18 still writes it and rpm -K reports it.
#pragma warning disable CA5351 // Broken cryptographic algorithm: a format-mandated integrity digest, not a security decision.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        md5.AppendData(header);
        payloadFile.Position = 0;
        var buffer = new byte[CopyBufferSize];
        int read;
        while ((read = payloadFile.Read(buffer)) > 0)
        {
            md5.AppendData(buffer.AsSpan(0, read));
        }

        var openPgp = signer is null ? ((int, byte[])?)null : (signer.SignatureTag, signer.Sign(header, buildTime));
        var signature = RpmSignatureHeader.Build(sha1, sha256, md5.GetHashAndReset(), checked(header.LongLength + payload.CompressedSize), payload.UncompressedSize, openPgp);
        output.Write(RpmLeadWriter.Create(package.Name, package.Version, package.Release, package.Arch));
        output.Write(signature);
        // The signature header is padded to a multiple of 8 bytes (rpmWriteSignature).
        Span<byte> zeros = stackalloc byte[8];
        zeros.Clear();
        output.Write(zeros[..((8 - (signature.Length % 8)) % 8)]);
        output.Write(header);
        payloadFile.Position = 0;
        while ((read = payloadFile.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.Write(buffer.AsSpan(0, read));
        }

        output.Flush();
    }
}
