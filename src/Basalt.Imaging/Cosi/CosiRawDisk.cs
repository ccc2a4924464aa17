using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;

namespace Basalt.Imaging.Cosi;

/// <summary>The disk facts of a <see cref="CosiSource"/> taken from a raw GPT disk image on the host.</summary>
public sealed record CosiRawDisk(long DiskSize, byte[] PrimaryGpt, GptTable Gpt, IReadOnlyList<CosiPartitionImage> Partitions)
{
    /// <summary>
    /// Reads the primary GPT region and lists every partition as a full-size image read from the file
    /// (no shrinking: the spec allows writers to carry whole partitions).
    /// </summary>
    public static CosiRawDisk Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var view = new RawDiskView(stream, stream.Length, leaveOpen: true);
        if (!GptReader.TryRead(view, out var table))
        {
            throw new InvalidDataException($"'{path}' holds no GPT; COSI carries GPT disks only.");
        }

        var head = new byte[(int)Math.Min(stream.Length, 2 * GptLayout.SectorSize)];
        view.ReadAt(0, head);
        var length = CosiGpt.RegionLength(head, $"'{path}'");
        var primary = new byte[length];
        view.ReadAt(0, primary);
        var partitions = table.Partitions
            .OrderBy(p => p.Number)
            .Select(p => CosiPartitionImage.FromFile(p.Number, path, p.OffsetBytes, p.SizeBytes))
            .ToList();
        return new CosiRawDisk(stream.Length, primary, table, partitions);
    }
}
