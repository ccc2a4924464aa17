using Basalt.Imaging.Gpt;

namespace Basalt.Imaging.Disk;

/// <summary>What <c>disk info</c> shows: the container, the GPT and what each partition holds.</summary>
public sealed record DiskReport(
    string Format,
    long SizeBytes,
    IReadOnlyList<KeyValuePair<string, string>> FormatDetails,
    GptTable? Gpt,
    IReadOnlyList<PartitionReport> Partitions,
    FileSystemSignature? WholeDiskFileSystem);

/// <summary>One partition with its known type name and the file system found in it.</summary>
public sealed record PartitionReport(GptPartition Partition, string? TypeName, FileSystemSignature? FileSystem);

/// <summary>Builds a <see cref="DiskReport"/> from a disk view.</summary>
public static class DiskInspector
{
    public static DiskReport Inspect(DiskView disk)
    {
        ArgumentNullException.ThrowIfNull(disk);
        var details = disk.Describe();
        if (!GptReader.TryRead(disk, out var table))
        {
            // No partition table: the image may be a bare file system.
            return new DiskReport(disk.Format, disk.Size, details, null, [], FileSystemProbe.Probe(disk, 0, disk.Size));
        }

        var partitions = table.Partitions
            .OrderBy(p => p.Number)
            .Select(p => new PartitionReport(p, GptPartitionTypes.GetName(p.Type), FileSystemProbe.Probe(disk, p.OffsetBytes, p.SizeBytes)))
            .ToList();
        return new DiskReport(disk.Format, disk.Size, details, table, partitions, null);
    }
}
