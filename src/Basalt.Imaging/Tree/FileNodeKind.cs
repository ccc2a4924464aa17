namespace Basalt.Imaging.Tree;

/// <summary>The POSIX file types a <see cref="FileTree"/> can hold (the S_IFMT part of st_mode).</summary>
public enum FileNodeKind
{
    /// <summary>A directory (S_IFDIR).</summary>
    Directory,

    /// <summary>A regular file (S_IFREG).</summary>
    RegularFile,

    /// <summary>A symbolic link (S_IFLNK).</summary>
    SymbolicLink,

    /// <summary>A character device (S_IFCHR).</summary>
    CharacterDevice,

    /// <summary>A block device (S_IFBLK).</summary>
    BlockDevice,

    /// <summary>A named pipe (S_IFIFO).</summary>
    Fifo,

    /// <summary>A Unix domain socket (S_IFSOCK).</summary>
    Socket,
}

/// <summary>The S_IFMT values of <c>inode(7)</c>, shared by every filesystem writer.</summary>
public static class UnixFileType
{
    /// <summary>Mask of the file-type bits in st_mode.</summary>
    public const int Mask = 0xF000;

    /// <summary>Mask of the permission bits in st_mode, including setuid, setgid and sticky.</summary>
    public const int PermissionMask = 0x0FFF;

    public const int Socket = 0xC000;
    public const int SymbolicLink = 0xA000;
    public const int RegularFile = 0x8000;
    public const int BlockDevice = 0x6000;
    public const int Directory = 0x4000;
    public const int CharacterDevice = 0x2000;
    public const int Fifo = 0x1000;

    /// <summary>The S_IFMT bits for a node kind.</summary>
    public static int FromKind(FileNodeKind kind) => kind switch
    {
        FileNodeKind.Directory => Directory,
        FileNodeKind.RegularFile => RegularFile,
        FileNodeKind.SymbolicLink => SymbolicLink,
        FileNodeKind.CharacterDevice => CharacterDevice,
        FileNodeKind.BlockDevice => BlockDevice,
        FileNodeKind.Fifo => Fifo,
        FileNodeKind.Socket => Socket,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown file node kind."),
    };
}
