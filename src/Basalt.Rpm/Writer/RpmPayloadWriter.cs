using System.Security.Cryptography;
using Basalt.Compression;
using Basalt.IO;
using Basalt.IO.Cpio;

namespace Basalt.Rpm.Writer;

/// <summary>What writing the payload measured: digests and sizes the headers record.</summary>
/// <param name="FileDigests">Lower-case hex SHA-256 per file (empty for files without content).</param>
/// <param name="CompressedSha256">RPMTAG_PAYLOADDIGEST: SHA-256 of the compressed payload.</param>
/// <param name="UncompressedSha256">RPMTAG_PAYLOADDIGESTALT: SHA-256 of the uncompressed cpio archive.</param>
internal sealed record RpmPayloadResult(string[] FileDigests, string CompressedSha256, string UncompressedSha256, long UncompressedSize, long CompressedSize);

/// <summary>
/// Writes the payload as rpmbuild does: a cpio "newc" archive with "./"-prefixed names in header order, owners
/// 0/0 (names live in the header), device 0, inode and link count from <see cref="RpmFileList"/>, hashing every
/// file's content and both the raw and compressed streams in the same pass.
/// </summary>
internal static class RpmPayloadWriter
{
    public static RpmPayloadResult Write(RpmFileList files, Stream destination, CompressionFormat format, int level, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var compressedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var rawHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var digests = new string[files.Count];
        var contentDigests = new Dictionary<string, string>(StringComparer.Ordinal);
        using var compressed = new HashingStream(destination, compressedHash, leaveOpen: true);
        long rawSize;
        using (var compressor = Compressor.Create(compressed, format, level, leaveOpen: true))
        using (var raw = new HashingStream(compressor, rawHash, leaveOpen: true))
        {
            using (var cpio = new CpioNewcWriter(raw, leaveOpen: true))
            {
                for (var i = 0; i < files.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var item = files.Items[i];
                    if (item.File.IsGhost)
                    {
                        digests[i] = "";
                        continue;
                    }

                    digests[i] = WriteEntry(cpio, item, fileHash, contentDigests);
                }

                cpio.Finish();
            }

            rawSize = raw.BytesHashed;
        }

        // Links that do not carry the content were written before the one that does: give them its digest.
        for (var i = 0; i < files.Count; i++)
        {
            if (files.Items[i].ContentPath is { } content && digests[i].Length == 0)
            {
                digests[i] = contentDigests[content];
            }
        }

        return new RpmPayloadResult(
            digests,
            Convert.ToHexStringLower(compressedHash.GetHashAndReset()),
            Convert.ToHexStringLower(rawHash.GetHashAndReset()),
            rawSize,
            compressed.BytesHashed);
    }

    private static string WriteEntry(CpioNewcWriter cpio, RpmFileList.Item item, IncrementalHash fileHash, Dictionary<string, string> contentDigests)
    {
        var file = item.File;
        var entry = new CpioEntry
        {
            // rpm's payload names are the header paths with a "./" prefix (rpmlib(PayloadFilesHavePrefix)).
            Name = "." + file.Path,
            Inode = item.Inode,
            Mode = file.Mode,
            NumberOfLinks = item.LinkCount,
            ModificationTime = (uint)Math.Clamp(file.ModificationTime, 0, uint.MaxValue),
            FileSize = item.CarriesData || file.Kind == RpmFileKind.SymbolicLink ? item.Size : 0,
        };

        switch (file.Kind)
        {
            case RpmFileKind.SymbolicLink:
                cpio.WriteEntry(entry, System.Text.Encoding.UTF8.GetBytes(file.LinkTarget!));
                return "";
            case RpmFileKind.Directory:
                cpio.WriteEntry(entry);
                return "";
            default:
                if (!item.CarriesData)
                {
                    cpio.WriteEntry(entry);
                    return "";
                }

                using (var source = new FileStream(item.ContentPath!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
                using (var hashing = new HashingStream(source, fileHash))
                {
                    cpio.WriteEntry(entry, hashing);
                    if (hashing.BytesHashed != item.Size)
                    {
                        throw new IOException($"'{item.ContentPath}' changed size while it was packaged as '{file.Path}'.");
                    }
                }

                var digest = Convert.ToHexStringLower(fileHash.GetHashAndReset());
                contentDigests[item.ContentPath!] = digest;
                return digest;
        }
    }
}
