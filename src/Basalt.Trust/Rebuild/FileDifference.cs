using Basalt.Imaging.Disk;
using Basalt.Imaging.Erofs;
using Basalt.Imaging.Gpt;
using Basalt.IO;

namespace Basalt.Trust.Rebuild;

/// <summary>Compares two files and says where they first differ; for disk images, in which partition and file.</summary>
internal static class FileDifference
{
    private const int Chunk = 1 << 20;

    public static RebuildComparison Compare(string name, string original, string rebuilt)
    {
        var offset = FirstDifference(original, rebuilt);
        if (offset is null)
        {
            return new RebuildComparison(name, true, "identical");
        }

        var detail = $"differs at byte {offset.Value}";
        if (name.EndsWith(".raw", StringComparison.Ordinal) || name.EndsWith(".vhd", StringComparison.Ordinal))
        {
            detail += Locate(original, rebuilt, offset.Value);
        }

        return new RebuildComparison(name, false, detail);
    }

    private static long? FirstDifference(string a, string b)
    {
        using var left = File.OpenRead(a);
        using var right = File.OpenRead(b);
        var x = new byte[Chunk];
        var y = new byte[Chunk];
        long position = 0;
        while (true)
        {
            var read = left.ReadAtLeast(x, Chunk, throwOnEndOfStream: false);
            var other = right.ReadAtLeast(y, Chunk, throwOnEndOfStream: false);
            var common = Math.Min(read, other);
            var index = x.AsSpan(0, common).CommonPrefixLength(y.AsSpan(0, common));
            if (index < common || read != other)
            {
                return position + index;
            }

            if (read == 0)
            {
                return null;
            }

            position += read;
        }
    }

    /// <summary>" (partition 2 'usr-x86-64', file /bin/x (data …))": the GPT of the original disk, then the EROFS map of the partition.</summary>
    private static string Locate(string original, string rebuilt, long offset)
    {
        using var stream = File.OpenRead(original);
        using var disk = new RawDiskView(stream, stream.Length, leaveOpen: true);
        if (!GptReader.TryRead(disk, out var table))
        {
            return " (no GPT)";
        }

        var partition = table.Partitions.FirstOrDefault(p => offset >= p.OffsetBytes && offset < (p.LastLba + 1) * GptTable.SectorSize);
        if (partition is null)
        {
            return offset < GptWriter.PrimaryRegionBytes ? " (the primary GPT)" : " (outside every partition: the backup GPT or free space)";
        }

        var where = $" (partition {partition.Number} '{partition.Name}'";
        var inner = offset - partition.OffsetBytes;
        where += ErofsLocation(original, partition, inner) ?? ErofsLocation(rebuilt, partition, inner) ?? $", byte {inner} of the partition";
        return where + ")";
    }

    /// <summary>When the partition holds EROFS, which file or metadata holds the byte; null when it is not EROFS or cannot be read.</summary>
    private static string? ErofsLocation(string disk, GptPartition partition, long inner)
    {
        try
        {
            var length = (partition.LastLba - partition.FirstLba + 1) * GptTable.SectorSize;
            using var slice = new WindowStream(File.OpenRead(disk), partition.OffsetBytes, length);
            var entries = ErofsReader.ReadEntries(slice, partition.Name);
            return ", " + ErofsExtentMap.Build(entries, length).Describe(inner);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
