using Basalt.Compression;
using Basalt.Imaging.Tree;
using Basalt.IO.Cpio;

namespace Basalt.Compose.Boot.Initrd;

/// <summary>
/// Writes a tree as the kernel's initramfs buffer format (Documentation/driver-api/early-userspace/buffer-format.rst):
/// a cpio "newc" (070701) archive, then compressed. Paths are walked depth first with children in byte order, so a
/// parent comes before its children; the root is "." and other names are relative ("dev/console"), as
/// usr/gen_init_cpio writes them. Inode numbers count up from 1 in that order; a hard-linked file keeps one inode and
/// carries its data with its first path only (the kernel links later paths to it, init/initramfs.c maybe_link).
/// Modes, owners and whole-second mtimes come from the tree; c_dev is 0, c_check 0. Extended attributes are not
/// part of newc and are left out. The same tree gives the same bytes.
/// </summary>
public static class InitrdWriter
{
    /// <summary>Compressed output is handed to the destination in chunks of this size.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>Writes with the default level of <paramref name="compression"/> (gzip 6, zstd 19).</summary>
    public static Task WriteAsync(FileTree tree, Stream output, InitrdCompression compression, CancellationToken cancellationToken)
        => WriteAsync(tree, output, compression, Compressor.DefaultLevel(Format(compression)), cancellationToken);

    /// <summary>Writes with an explicit level (gzip 1-9, zstd 1-22; ignored for <see cref="InitrdCompression.None"/>).</summary>
    public static async Task WriteAsync(FileTree tree, Stream output, InitrdCompression compression, int level, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(output);
        var format = Format(compression);
        // The archive is produced synchronously into a staging buffer; the destination (a file, a pipe) gets it
        // asynchronously, a chunk at a time, so memory stays bounded whatever the tree's size.
        var staging = new MemoryStream();
        var compressor = Compressor.Create(staging, format, format == CompressionFormat.None ? 0 : level, leaveOpen: true);
        await using (compressor.ConfigureAwait(false))
        {
            using var writer = new CpioNewcWriter(compressor, leaveOpen: true);
            var inodes = new Dictionary<FileNode, uint>(ReferenceEqualityComparer.Instance);
            foreach (var entry in tree.EnumerateDepthFirst())
            {
                cancellationToken.ThrowIfCancellationRequested();
                WriteEntry(writer, entry, inodes);
                if (staging.Length >= ChunkBytes)
                {
                    await FlushAsync(staging, output, cancellationToken).ConfigureAwait(false);
                }
            }

            writer.Finish();
        }

        await FlushAsync(staging, output, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteEntry(CpioNewcWriter writer, TreeEntry entry, Dictionary<FileNode, uint> inodes)
    {
        var node = entry.Node;
        var name = entry.Path == "/" ? "." : entry.Path[1..];
        var first = !inodes.TryGetValue(node, out var inode);
        if (first)
        {
            inode = checked((uint)inodes.Count + 1);
            inodes.Add(node, inode);
        }

        if (node.ModificationTime.Seconds is < 0 or > uint.MaxValue)
        {
            throw new InvalidDataException($"'{entry.Path}' has modification time {node.ModificationTime.Seconds}, outside cpio newc's 0 to {uint.MaxValue} seconds.");
        }

        var header = new CpioEntry
        {
            Name = name,
            Inode = inode,
            Mode = (uint)node.FullMode,
            Uid = node.Uid,
            Gid = node.Gid,
            NumberOfLinks = (uint)node.LinkCount,
            ModificationTime = (uint)node.ModificationTime.Seconds,
            RdevMajor = node is DeviceNode device ? device.Major : 0,
            RdevMinor = node is DeviceNode device2 ? device2.Minor : 0,
        };
        switch (node)
        {
            case RegularFileNode file when first && file.Length > 0:
                using (var data = file.Content.OpenRead())
                {
                    writer.WriteEntry(header with { FileSize = file.Length }, data);
                }

                break;
            case SymbolicLinkNode link:
                var target = System.Text.Encoding.UTF8.GetBytes(link.Target);
                writer.WriteEntry(header with { FileSize = target.Length }, target);
                break;
            default:
                writer.WriteEntry(header, ReadOnlySpan<byte>.Empty);
                break;
        }
    }

    private static async Task FlushAsync(MemoryStream staging, Stream output, CancellationToken cancellationToken)
    {
        if (staging.Length > 0)
        {
            await output.WriteAsync(staging.GetBuffer().AsMemory(0, (int)staging.Length), cancellationToken).ConfigureAwait(false);
            staging.SetLength(0);
        }
    }

    private static CompressionFormat Format(InitrdCompression compression) => compression switch
    {
        InitrdCompression.None => CompressionFormat.None,
        InitrdCompression.Gzip => CompressionFormat.Gzip,
        InitrdCompression.Zstd => CompressionFormat.Zstd,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown initrd compression."),
    };
}
