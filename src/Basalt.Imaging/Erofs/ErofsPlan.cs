using System.Text;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Erofs;

/// <summary>
/// Decides every inode's form and place before a byte is written: one inode per tree node (hard links
/// share it), in depth-first name order with the root first; compact inodes when uid, gid, link count and
/// size fit 16/16/16/32 bits and the mtime equals the build time, extended otherwise; the last partial
/// block inline after the inode when inode, xattrs and tail fit in one block. Metadata starts right after
/// the superblock (so the root NID is 36, as with mkfs.erofs); data blocks follow the metadata.
/// </summary>
internal sealed class ErofsPlan
{
    private ErofsPlan(List<ErofsInode> inodes, long metadataEnd, long dataStartBlock, long totalBlocks)
    {
        Inodes = inodes;
        MetadataEnd = metadataEnd;
        DataStartBlock = dataStartBlock;
        TotalBlocks = totalBlocks;
    }

    /// <summary>Inodes in writing order; index 0 is the root.</summary>
    public List<ErofsInode> Inodes { get; }

    public long MetadataEnd { get; }

    public long DataStartBlock { get; }

    public long TotalBlocks { get; }

    public static ErofsPlan Create(FileTree tree, ErofsWriterOptions options, CancellationToken cancellationToken)
    {
        var byNode = new Dictionary<FileNode, ErofsInode>(ReferenceEqualityComparer.Instance);
        var inodes = new List<ErofsInode>();
        foreach (var entry in tree.EnumerateDepthFirst())
        {
            if (byNode.ContainsKey(entry.Node))
            {
                continue; // a further hard link to an inode already planned
            }

            var inode = new ErofsInode(entry.Node, entry.Path);
            byNode.Add(entry.Node, inode);
            inodes.Add(inode);
            if (entry.Node is DirectoryNode)
            {
                inode.Parent = entry.Parent is null ? inode : byNode[entry.Parent];
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var inode in inodes)
        {
            Describe(inode, inode.Path, options, node => byNode[node]);
        }

        var metadataEnd = PlaceMetadata(ref inodes);
        var dataStart = (metadataEnd + ErofsLayout.BlockSize - 1) / ErofsLayout.BlockSize;
        var next = dataStart;
        foreach (var inode in inodes)
        {
            if (inode.DataBlocks > 0)
            {
                inode.BlockAddress = checked((uint)next);
                next += inode.DataBlocks;
            }
            else
            {
                inode.BlockAddress = inode.Layout == ErofsLayout.LayoutFlatInline ? ErofsLayout.NullAddress : 0;
            }
        }

        if (next > uint.MaxValue)
        {
            throw new NotSupportedException($"The tree needs {next} blocks of 4 KiB; EROFS addresses at most {uint.MaxValue}.");
        }

        return new ErofsPlan(inodes, metadataEnd, dataStart, next);
    }

    private static void Describe(ErofsInode inode, string path, ErofsWriterOptions options, Func<FileNode, ErofsInode> inodeOf)
    {
        var node = inode.Node;
        inode.Xattrs = ErofsXattrEncoder.Encode(node.ExtendedAttributes, path);
        switch (node)
        {
            case DirectoryNode directory:
                inode.Directory = new ErofsDirectory(inode, inode.Parent!, directory.Children, inodeOf);
                inode.Size = inode.Directory.Size;
                break;
            case SymbolicLinkNode link:
                inode.SymlinkTarget = Encoding.UTF8.GetBytes(link.Target);
                inode.Size = inode.SymlinkTarget.Length;
                break;
            case RegularFileNode file:
                inode.Size = file.Length;
                break;
            default:
                inode.Size = 0;
                break;
        }

        inode.Extended = node.Uid > ushort.MaxValue || node.Gid > ushort.MaxValue || node.LinkCount > ushort.MaxValue
            || inode.Size > uint.MaxValue || node.ModificationTime != options.BuildTime;
        var tail = (int)(inode.Size % ErofsLayout.BlockSize);
        var full = inode.Size / ErofsLayout.BlockSize;
        if (tail > 0 && inode.InodeSize + inode.Xattrs.Length + tail <= ErofsLayout.BlockSize)
        {
            inode.Layout = ErofsLayout.LayoutFlatInline;
            inode.InlineLength = tail;
            inode.DataBlocks = full;
        }
        else
        {
            inode.Layout = ErofsLayout.LayoutFlatPlain;
            inode.DataBlocks = full + (tail > 0 ? 1 : 0);
        }
    }

    /// <summary>How far ahead of depth-first order the packer looks for a record that fills a block's rest.</summary>
    private const int PackingLookahead = 64;

    /// <summary>
    /// Assigns 32-byte slots and reorders <paramref name="inodes"/> into slot order. A record that fits in a
    /// block never straddles two, because the kernel refuses inline data that crosses a block boundary; when
    /// the next record does not fit the rest of the current block, the first of the next 64 that does is
    /// placed there instead of leaving a gap. The choice depends only on the ordered list, so it is deterministic.
    /// </summary>
    private static long PlaceMetadata(ref List<ErofsInode> inodes)
    {
        long position = ErofsLayout.SuperblockOffset + ErofsLayout.SuperblockSize;
        var placed = new List<ErofsInode>(inodes.Count);
        var window = new List<ErofsInode>(PackingLookahead);
        var next = 0;
        while (next < inodes.Count || window.Count > 0)
        {
            while (window.Count < PackingLookahead && next < inodes.Count)
            {
                window.Add(inodes[next++]);
            }

            position = (position + ErofsLayout.SlotSize - 1) & ~(long)(ErofsLayout.SlotSize - 1);
            var room = ErofsLayout.BlockSize - (position % ErofsLayout.BlockSize);
            // The root goes first whatever its size: the superblock's root_nid field is only 16 bits.
            var chosen = placed.Count == 0 ? (Fits(window[0], room) ? 0 : -1) : window.FindIndex(inode => Fits(inode, room));
            if (chosen < 0)
            {
                position += room; // nothing fits: start the next block with the record next in order
                chosen = 0;
            }

            var inode = window[chosen];
            window.RemoveAt(chosen);
            inode.MetaOffset = position;
            inode.Ino = (uint)placed.Count;
            placed.Add(inode);
            position += inode.RecordSize;
        }

        if (placed[0].Nid > ushort.MaxValue)
        {
            throw new InvalidOperationException("The root inode must have a 16-bit NID.");
        }

        inodes = placed;
        return position;
    }

    private static bool Fits(ErofsInode inode, long room) => inode.RecordSize <= room || inode.RecordSize > ErofsLayout.BlockSize;
}
