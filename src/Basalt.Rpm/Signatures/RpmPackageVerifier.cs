using Basalt.Compression;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Signatures;

/// <summary>
/// Checks a package's digests, sizes and OpenPGP signatures in one pass over the file, computing what rpm computes
/// (rpm's lib/rpmvs.c and format_signature.md): header digests and header-only signatures over the main header as
/// stored; MD5 and the legacy header+payload signatures over the header followed by the compressed payload; the
/// payload digest over the compressed payload and the "ALT" payload digest over the uncompressed one.
/// </summary>
public static partial class RpmPackageVerifier
{
    private const int BufferSize = 128 * 1024;

    /// <summary>Small enough to stay off the large object heap; the payload is read in <see cref="BufferSize"/> chunks past it.</summary>
    private const int FileBufferSize = 16 * 1024;

    /// <summary>Verifies the package file at <paramref name="path"/>.</summary>
    public static RpmVerificationReport Verify(string path, OpenPgpKeyring? keyring = null, CancellationToken cancellationToken = default)
        => Verify(path, keyring, RpmVerificationOptions.Default, cancellationToken);

    /// <summary>Verifies the package file at <paramref name="path"/> as <paramref name="options"/> say.</summary>
    public static RpmVerificationReport Verify(string path, OpenPgpKeyring? keyring, RpmVerificationOptions options, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize);
        return Verify(stream, path, keyring, options, cancellationToken);
    }

    /// <summary>Verifies the package read from <paramref name="stream"/>; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">The lead or a header is malformed (the package cannot be checked at all).</exception>
    public static RpmVerificationReport Verify(Stream stream, string source, OpenPgpKeyring? keyring = null, CancellationToken cancellationToken = default)
        => Verify(stream, source, keyring, RpmVerificationOptions.Default, cancellationToken);

    /// <summary>Verifies the package read from <paramref name="stream"/> as <paramref name="options"/> say.</summary>
    /// <exception cref="InvalidDataException">The lead or a header is malformed (the package cannot be checked at all).</exception>
    public static RpmVerificationReport Verify(Stream stream, string source, OpenPgpKeyring? keyring, RpmVerificationOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        var headers = RpmPackageHeaders.Read(stream, source);
        var plan = Plan(headers, keyring);
        if (!options.CheckUncompressedPayload)
        {
            foreach (var check in plan.Uncompressed)
            {
                check.Dispose();
            }

            plan.Uncompressed.Clear();
        }

        var warnings = new List<string>();
        try
        {
            var headerBytes = headers.Header.Bytes.ToArray();
            foreach (var check in plan.HeaderOnly.Concat(plan.HeaderAndPayload))
            {
                check.Append(headerBytes, 0, headerBytes.Length);
            }

            var observed = new ObservedReadStream(stream, [.. plan.HeaderAndPayload, .. plan.Payload], cancellationToken);
            var uncompressedFailure = plan.Uncompressed.Count > 0 ? ReadUncompressed(observed, headers, plan.Uncompressed, warnings) : null;
            observed.Drain();
            CompareCompressor(headers.Header, CompressionDetector.Detect(observed.Head), warnings, source);

            var checks = new List<RpmCheck>();
            checks.AddRange(plan.HeaderOnly.Select(c => c.Complete()));
            checks.AddRange(plan.Uncompressed.Select(c => uncompressedFailure is null ? c.Complete() : Failed(c.Complete(), uncompressedFailure)));
            checks.AddRange(plan.Payload.Select(c => c.Complete()));
            checks.AddRange(plan.HeaderAndPayload.Select(c => c.Complete()));
            return new RpmVerificationReport(source, checks, warnings);
        }
        finally
        {
            foreach (var check in plan.All)
            {
                check.Dispose();
            }
        }
    }

    /// <summary>
    /// Decompresses the payload (format from its magic bytes, bounded by the declared size when there is one) and
    /// feeds the uncompressed checks. Returns the error text when the payload cannot be decompressed.
    /// </summary>
    private static string? ReadUncompressed(ObservedReadStream observed, RpmPackageHeaders headers, List<StreamingCheck> checks, List<string> warnings)
    {
        var declared = headers.Signature.GetNumber((int)RpmSignatureTag.LongArchiveSize) ?? headers.Signature.GetNumber((int)RpmSignatureTag.PayloadSize)
            ?? headers.Header.GetNumber(RpmTag.LongArchiveSize) ?? headers.Header.GetNumber(RpmTag.ArchiveSize);
        // One byte beyond the declared size is allowed so an overlong payload is reported as a size mismatch, not an error.
        var limits = declared is { } size && size < long.MaxValue ? DecompressionLimits.Default with { MaxOutputBytes = (long)size + 1 } : DecompressionLimits.Default;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var payload = Decompression.Open(observed, limits, leaveOpen: true, description: $"{headers.Source} payload");
            int read;
            while ((read = payload.Read(buffer, 0, BufferSize)) > 0)
            {
                foreach (var check in checks)
                {
                    check.Append(buffer, 0, read);
                }
            }

            return null;
        }
        catch (InvalidDataException ex)
        {
            warnings.Add(ex.Message);
            return ex.Message;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RpmCheck Failed(RpmCheck check, string reason) => check with { Result = RpmCheckResult.Bad, Detail = reason };

    private static void CompareCompressor(RpmHeader header, CompressionFormat detected, List<string> warnings, string source)
    {
        var tag = header.GetString(RpmTag.PayloadCompressor);
        if (CompressionDetector.TryParsePayloadCompressor(tag ?? "gzip", out var declared) && declared != detected)
        {
            warnings.Add($"'{source}': PAYLOADCOMPRESSOR says '{tag ?? "gzip (default)"}' but the payload's magic bytes say '{Decompression.Name(detected)}'; the magic bytes win.");
        }
    }
}
