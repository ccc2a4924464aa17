using System.Buffers.Binary;
using System.Text;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Tree;
using static Basalt.Imaging.Fat.FatLayout;

namespace Basalt.Imaging.Fat;

/// <summary>
/// Writes a FAT32 volume (the EFI System Partition) from a <see cref="FileTree"/>: boot sector, FSInfo and
/// their backups at sectors 6–7, two identical FATs, directories with long names, and file data, each
/// path in one contiguous cluster run in depth-first order. Unused space is left as holes. Volumes too small
/// for FAT32's 65525-cluster minimum are refused (we do not fall back to FAT16).
/// </summary>
public static class FatWriter
{
    /// <summary>Writes to a new file through a temporary name, renamed when complete.</summary>
    public static async Task<FatGeometry> WriteAsync(FileTree tree, string path, FatOptions options, CancellationToken cancellationToken = default)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            FatGeometry geometry;
            var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                geometry = await WriteAsync(tree, stream, options, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
            return geometry;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes to an empty seekable stream.</summary>
    public static async Task<FatGeometry> WriteAsync(FileTree tree, Stream destination, FatOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        if (!destination.CanSeek || destination.Length != 0)
        {
            throw new ArgumentException("The destination must be an empty seekable stream.", nameof(destination));
        }

        var label = LabelBytes(options.Label);
        var hasLabel = !label.AsSpan().SequenceEqual("NO NAME    "u8);
        var geometry = FatGeometry.FromSize(options.SizeBytes);
        var plan = FatPlan.Create(tree, geometry, hasLabel);
        destination.SetLength(options.SizeBytes);

        var boot = FatBootSector.Build(geometry, options, label);
        var nextFree = plan.UsedClusters < geometry.ClusterCount ? RootCluster + plan.UsedClusters : 0xFFFFFFFF;
        var fsInfo = FatBootSector.BuildFsInfo(geometry.ClusterCount - plan.UsedClusters, nextFree);
        foreach (var (sector, bytes) in new[] { (0, boot), (FsInfoSector, fsInfo), (BackupBootSector, boot), (BackupBootSector + 1, fsInfo) })
        {
            destination.Position = (long)sector * SectorSize;
            await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        var fat = BuildFat(plan);
        for (var copy = 0; copy < FatCount; copy++)
        {
            destination.Position = (ReservedSectors + (copy * geometry.FatSectors)) * SectorSize;
            await destination.WriteAsync(fat, cancellationToken).ConfigureAwait(false);
        }

        var firstClusters = plan.Allocations.ToDictionary(a => a.Entry.Path, a => a.FirstCluster, StringComparer.Ordinal);
        foreach (var allocation in plan.Allocations.Where(a => a.Clusters > 0))
        {
            var offset = geometry.ClusterOffset(allocation.FirstCluster);
            if (allocation.Children is { } children)
            {
                var bytes = BuildDirectory(allocation, children, firstClusters, geometry, options, hasLabel ? label : null);
                destination.Position = offset;
                await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var file = (RegularFileNode)allocation.Entry.Node;
                var source = file.Content.OpenRead();
                await using (source.ConfigureAwait(false))
                {
                    await SparseCopy.CopyAsync(source, destination, offset, file.Length, $"FAT file '{allocation.Entry.Path}'", cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return geometry;
    }

    private static byte[] BuildFat(FatPlan plan)
    {
        var fat = new byte[checked((int)((plan.UsedClusters + RootCluster) * 4))];
        BinaryPrimitives.WriteUInt32LittleEndian(fat, 0x0FFFFF00u | Media);
        BinaryPrimitives.WriteUInt32LittleEndian(fat.AsSpan(4), Fat1Clean);
        foreach (var allocation in plan.Allocations.Where(a => a.Clusters > 0))
        {
            for (var i = 0L; i < allocation.Clusters; i++)
            {
                var cluster = allocation.FirstCluster + i;
                var next = i == allocation.Clusters - 1 ? EndOfChain : (uint)(cluster + 1);
                BinaryPrimitives.WriteUInt32LittleEndian(fat.AsSpan((int)(cluster * 4)), next);
            }
        }

        return fat;
    }

    private static byte[] BuildDirectory(FatPlan.Allocation allocation, List<FatPlan.Child> children, Dictionary<string, uint> firstClusters,
        FatGeometry geometry, FatOptions options, byte[]? label)
    {
        var bytes = new byte[allocation.Clusters * geometry.ClusterBytes];
        var span = bytes.AsSpan();
        var position = 0;
        var ownTime = TimeOf(allocation.Entry.Node, options);
        if (allocation.Entry.Depth == 0)
        {
            if (label is not null)
            {
                FatDirectoryEntries.WriteShort(span[position..], label, AttributeVolumeId, 0, 0, ownTime);
                position += DirectoryEntrySize;
            }
        }
        else
        {
            // "." points at this directory, ".." at the parent, or 0 when the parent is the root (fatgen103 section 6.7).
            var parentPath = allocation.Entry.Path[..Math.Max(1, allocation.Entry.Path.LastIndexOf('/'))];
            var parentCluster = allocation.Entry.Depth == 1 ? 0 : firstClusters[parentPath];
            FatDirectoryEntries.WriteShort(span[position..], ".          "u8, AttributeDirectory, allocation.FirstCluster, 0, ownTime);
            position += DirectoryEntrySize;
            FatDirectoryEntries.WriteShort(span[position..], "..         "u8, AttributeDirectory, parentCluster, 0,
                allocation.Entry.Parent is { } parent ? TimeOf(parent, options) : ownTime);
            position += DirectoryEntrySize;
        }

        foreach (var child in children)
        {
            if (child.NeedsLongName)
            {
                var count = FatDirectoryEntries.LongEntryCount(child.Name);
                FatDirectoryEntries.WriteLong(span.Slice(position, count * DirectoryEntrySize), child.Name, FatShortName.Checksum(child.ShortName));
                position += count * DirectoryEntrySize;
            }

            var isDirectory = child.Node is DirectoryNode;
            var size = child.Node is RegularFileNode file ? (uint)file.Length : 0;
            FatDirectoryEntries.WriteShort(span[position..], child.ShortName, isDirectory ? AttributeDirectory : AttributeArchive,
                firstClusters[child.Path], size, TimeOf(child.Node, options));
            position += DirectoryEntrySize;
        }

        return bytes;
    }

    private static FatTime TimeOf(FileNode node, FatOptions options) => FatTime.From(options.Timestamp ?? node.ModificationTime);

    /// <summary>The 11-byte label, upper-cased and space-padded; "NO NAME" when empty (fatgen103 section 3.3).</summary>
    private static byte[] LabelBytes(string label)
    {
        var upper = (string.IsNullOrWhiteSpace(label) ? "NO NAME" : label).ToUpperInvariant();
        if (upper.Length > 11 || upper.Any(c => c != ' ' && !FatShortName.IsExactShortName(c.ToString())))
        {
            throw new ArgumentException($"FAT label '{label}' must be at most 11 characters valid in short names (A–Z, 0–9, space, $%'-_@~`!(){{}}^#&).");
        }

        return Encoding.ASCII.GetBytes(upper.PadRight(11));
    }
}
