using System.Security.Cryptography;
using Basalt.Compression;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Oci;
using Basalt.IO;

namespace Basalt.Imaging.Cosi;

/// <summary>
/// Writes a COSI 1.2 file: an uncompressed ustar archive whose members are, in order, the empty
/// <c>cosi-marker</c>, <c>metadata.json</c>, then the zstd region images in physical disk order starting with the
/// primary GPT. Region images are compressed first (in parallel, to temporary files) because the metadata that
/// must precede them records their sizes and SHA-384. Output is written to a temporary sibling and renamed.
/// </summary>
public static partial class CosiWriter
{
    public const string MarkerName = "cosi-marker";
    public const string MetadataName = "metadata.json";
    public const string Version = "1.2";
    private const string PrimaryGptImage = "images/primary-gpt.rawzst";

    public static async Task<CosiMetadata> WriteAsync(CosiSource source, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        var table = Validate(source);

        var work = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath))!, $".{Path.GetFileName(outputPath)}.regions-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        Directory.CreateDirectory(work);
        try
        {
            // Physical order: the primary GPT, then partitions by first LBA (spec, "Tarball Layout").
            var partitions = source.Partitions
                .Select(p => (Image: p, Entry: table.Partitions.Single(e => e.Number == p.Number)))
                .OrderBy(p => p.Entry.FirstLba)
                .ToList();
            var jobs = new List<(string Name, Func<Stream> Open, long Length)> { (PrimaryGptImage, () => new MemoryStream(source.PrimaryGpt, writable: false), source.PrimaryGpt.Length) };
            jobs.AddRange(partitions.Select(p => ($"images/partition-{p.Image.Number}.rawzst", p.Image.Open, p.Image.Length)));

            var results = new CompressedRegion[jobs.Count];
            await Parallel.ForAsync(0, jobs.Count, cancellationToken, async (i, ct) =>
                results[i] = await CompressAsync(jobs[i].Open, jobs[i].Length, jobs[i].Name, Path.Combine(work, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), source.CompressionLevel, ct).ConfigureAwait(false)).ConfigureAwait(false);

            var regions = new List<CosiRegion> { new(results[0].Image, CosiRegion.PrimaryGpt, null) };
            regions.AddRange(partitions.Select((p, i) => new CosiRegion(results[i + 1].Image, CosiRegion.Partition, p.Image.Number)));
            var metadata = BuildMetadata(source, table, regions, results.Max(r => r.WindowLog));
            var metadataBytes = CosiMetadataWriter.Write(metadata);

            using var output = AtomicOutput.CreateFile(outputPath);
            var tar = new TarStreamWriter(output.Stream);
            await tar.WriteEntryAsync(Member(MarkerName, 0, source.Timestamp), null, cancellationToken).ConfigureAwait(false);
            await tar.WriteEntryAsync(Member(MetadataName, metadataBytes.Length, source.Timestamp), new MemoryStream(metadataBytes), cancellationToken).ConfigureAwait(false);
            foreach (var region in results)
            {
                var file = File.OpenRead(region.TemporaryPath);
                await using (file.ConfigureAwait(false))
                {
                    await tar.WriteEntryAsync(Member(region.Image.Path, region.Image.CompressedSize, source.Timestamp), file, cancellationToken).ConfigureAwait(false);
                }
            }

            await tar.WriteEndAsync(cancellationToken).ConfigureAwait(false);
            output.Commit();
            return metadata;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Every member is a plain file: mode 0644, owner 0:0, empty uname/gname, the build timestamp.</summary>
    private static TarEntryHeader Member(string name, long size, long timestamp) => new()
    {
        Name = name,
        TypeFlag = TarLayout.TypeRegular,
        Mode = 0x1A4,
        Size = size,
        MtimeSeconds = timestamp,
    };

    private static CosiMetadata BuildMetadata(CosiSource source, GptTable table, List<CosiRegion> regions, int windowLog)
    {
        CosiImageFile ImageOf(int number) => regions.Single(r => r.Number == number).Image;
        var images = source.FileSystems
            .Select(fs => new CosiFileSystemEntry(
                ImageOf(fs.PartitionNumber),
                fs.MountPoint,
                fs.FsType,
                fs.FsUuid,
                table.Partitions.Single(p => p.Number == fs.PartitionNumber).Type,
                fs.Verity is null ? null : new CosiVerityEntry(ImageOf(fs.Verity.HashPartitionNumber), fs.Verity.RootHash)))
            .ToList();
        return new CosiMetadata(
            Version,
            source.OsArch,
            source.OsRelease,
            images,
            new CosiDisk(source.DiskSize, "gpt", source.LbaSize, regions),
            source.Packages,
            source.Bootloader,
            source.Id,
            windowLog);
    }

    private sealed record CompressedRegion(CosiImageFile Image, string TemporaryPath, int WindowLog);

    private static async Task<CompressedRegion> CompressAsync(Func<Stream> open, long length, string name, string temporary, int level, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
        long compressedSize;
        var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var hashed = new HashingStream(file, hash, leaveOpen: true);
            await using (hashed.ConfigureAwait(false))
            {
                var zstd = Compressor.Create(hashed, CompressionFormat.Zstd, level, leaveOpen: true);
                await using (zstd.ConfigureAwait(false))
                {
                    var input = open();
                    await using (input.ConfigureAwait(false))
                    {
                        await input.CopyToBoundedAsync(zstd, length, $"COSI region '{name}'", cancellationToken).ConfigureAwait(false);
                    }
                }

                compressedSize = hashed.BytesHashed;
            }
        }

        var header = new byte[18];
        var read = File.OpenRead(temporary);
        await using (read.ConfigureAwait(false))
        {
            await read.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        var image = new CosiImageFile(name, compressedSize, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        return new CompressedRegion(image, temporary, ZstdFrame.WindowLog(header, $"region '{name}'"));
    }
}
