namespace Basalt.Imaging.Tree;

/// <summary>
/// One inode of a <see cref="FileTree"/>. The same node may appear at several paths (hard links); its
/// metadata is shared by all of them. The file type is fixed by the subclass; <see cref="Mode"/> holds only
/// the permission bits, including setuid (04000), setgid (02000) and sticky (01000).
/// </summary>
public abstract class FileNode
{
    private int _mode;

    private protected FileNode(int mode)
    {
        Mode = mode;
    }

    /// <summary>The file type.</summary>
    public abstract FileNodeKind Kind { get; }

    /// <summary>Permission bits (0 to 07777).</summary>
    public int Mode
    {
        get => _mode;
        set
        {
            if ((value & ~UnixFileType.PermissionMask) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Mode holds permission bits only (0 to 07777).");
            }

            _mode = value;
        }
    }

    /// <summary>The full st_mode: file-type bits plus permission bits.</summary>
    public int FullMode => UnixFileType.FromKind(Kind) | _mode;

    /// <summary>Owner user id.</summary>
    public uint Uid { get; set; }

    /// <summary>Owner group id.</summary>
    public uint Gid { get; set; }

    /// <summary>Modification time.</summary>
    public FileTimestamp ModificationTime { get; set; }

    /// <summary>Extended attributes, sorted by name.</summary>
    public ExtendedAttributeCollection ExtendedAttributes { get; } = new();

    /// <summary>
    /// The link count a filesystem records: for a directory 2 plus its subdirectories, otherwise the
    /// number of paths in the tree that name this node.
    /// </summary>
    public abstract int LinkCount { get; }

    /// <summary>How many tree paths refer to this node; maintained by <see cref="FileTree"/>.</summary>
    internal int PathCount { get; set; }

    /// <summary>Copies owner, mode, time and attributes from another node.</summary>
    public void CopyMetadataFrom(FileNode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Mode = other.Mode;
        Uid = other.Uid;
        Gid = other.Gid;
        ModificationTime = other.ModificationTime;
        ExtendedAttributes.Clear();
        ExtendedAttributes.CopyFrom(other.ExtendedAttributes);
    }
}
