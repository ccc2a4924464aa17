namespace Basalt.Imaging.Erofs;

/// <summary>
/// One path of an EROFS image as <see cref="ErofsReader"/> found it. Hard links give several entries with the
/// same <paramref name="Nid"/> and extents.
/// </summary>
/// <param name="Path">"/usr/bin/x" style; "/" for the root.</param>
/// <param name="Mode">i_mode: file type and permission bits.</param>
/// <param name="Uid">i_uid.</param>
/// <param name="Gid">i_gid.</param>
/// <param name="Size">i_size: file length, symlink target length or directory bytes.</param>
/// <param name="Nid">The inode's NID (its 32-byte slot counted from meta_blkaddr).</param>
/// <param name="Extents">Byte ranges of the image holding the entry's data, in file order (an inline tail included).</param>
/// <param name="InodeOffset">Byte offset of the inode in the image.</param>
/// <param name="InodeLength">The on-disk inode (32 or 64 bytes) plus its inline xattr body.</param>
public sealed record ErofsEntry(string Path, int Mode, uint Uid, uint Gid, long Size, ulong Nid, IReadOnlyList<(long Offset, long Length)> Extents, long InodeOffset, int InodeLength)
{
    /// <summary>Bytes of <see cref="InodeLength"/> that are the inline xattr body (header, shared ids, entries).</summary>
    public int XattrLength { get; init; }

    /// <summary>Byte ranges of the shared xattr entries (in the xattr blocks) this inode refers to.</summary>
    public IReadOnlyList<(long Offset, long Length)> SharedXattrExtents { get; init; } = [];

    /// <summary>The S_IFMT bits of <see cref="Mode"/>.</summary>
    public int FileType => Mode & Tree.UnixFileType.Mask;
}
