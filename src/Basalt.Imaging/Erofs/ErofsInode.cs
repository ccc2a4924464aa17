using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Erofs;

/// <summary>The planned on-disk form of one tree node: its slot, inode version, data layout and blocks.</summary>
internal sealed class ErofsInode(FileNode node, string path)
{
    /// <summary>The first path naming the node, for messages.</summary>
    public string Path { get; } = path;

    public FileNode Node { get; } = node;

    /// <summary>i_ino: the inode's sequence number in metadata order (the root is 0).</summary>
    public uint Ino { get; set; }

    /// <summary>For directories: the parent directory (the root is its own parent).</summary>
    public ErofsInode? Parent { get; set; }

    /// <summary>For directories: the entries including "." and "..", in UTF-8 byte order, split into blocks.</summary>
    public ErofsDirectory? Directory { get; set; }

    /// <summary>For symbolic links: the UTF-8 target.</summary>
    public byte[]? SymlinkTarget { get; set; }

    public byte[] Xattrs { get; set; } = [];

    public bool Extended { get; set; }

    public int InodeSize => Extended ? ErofsLayout.ExtendedInodeSize : ErofsLayout.CompactInodeSize;

    /// <summary>i_size: file length, symlink target length or directory bytes.</summary>
    public long Size { get; set; }

    public int Layout { get; set; } = ErofsLayout.LayoutFlatPlain;

    /// <summary>Bytes of the last partial block kept right after the inode (FLAT_INLINE), else 0.</summary>
    public int InlineLength { get; set; }

    /// <summary>Whole blocks in the data area.</summary>
    public long DataBlocks { get; set; }

    /// <summary>First data block (i_u), when <see cref="DataBlocks"/> is not 0.</summary>
    public uint BlockAddress { get; set; }

    /// <summary>Byte offset of the inode in the image (meta_blkaddr is 0).</summary>
    public long MetaOffset { get; set; }

    public ulong Nid => (ulong)(MetaOffset / ErofsLayout.SlotSize);

    /// <summary>Inode + xattrs + inline tail: the bytes this inode occupies in the metadata area.</summary>
    public int RecordSize => InodeSize + Xattrs.Length + InlineLength;

    public byte FileType => Node.Kind switch
    {
        FileNodeKind.RegularFile => ErofsLayout.FileTypeRegular,
        FileNodeKind.Directory => ErofsLayout.FileTypeDirectory,
        FileNodeKind.CharacterDevice => ErofsLayout.FileTypeCharacterDevice,
        FileNodeKind.BlockDevice => ErofsLayout.FileTypeBlockDevice,
        FileNodeKind.Fifo => ErofsLayout.FileTypeFifo,
        FileNodeKind.Socket => ErofsLayout.FileTypeSocket,
        FileNodeKind.SymbolicLink => ErofsLayout.FileTypeSymbolicLink,
        _ => throw new InvalidOperationException($"Unknown node kind {Node.Kind}."),
    };
}
