using System.Text;

namespace Basalt.Imaging.Tree;

/// <summary>A regular file.</summary>
public sealed class RegularFileNode : FileNode
{
    public RegularFileNode(FileContent content, int mode = 0x1A4 /* 0644 */)
        : base(mode)
    {
        Content = content ?? throw new ArgumentNullException(nameof(content));
    }

    public RegularFileNode(byte[] content, int mode = 0x1A4 /* 0644 */)
        : this(FileContent.FromBytes(content), mode)
    {
    }

    public override FileNodeKind Kind => FileNodeKind.RegularFile;

    /// <summary>The file's bytes.</summary>
    public FileContent Content { get; set; }

    /// <summary>The file size in bytes.</summary>
    public long Length => Content.Length;

    public override int LinkCount => PathCount;
}

/// <summary>A symbolic link. Its target is stored verbatim (not resolved, not normalised).</summary>
public sealed class SymbolicLinkNode : FileNode
{
    /// <summary>Linux PATH_MAX including the terminator: the longest target the kernel accepts is 4095 bytes.</summary>
    public const int MaxTargetLength = 4095;

    public SymbolicLinkNode(string target, int mode = 0x1FF /* 0777 */)
        : base(mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var length = Encoding.UTF8.GetByteCount(target);
        if (length > MaxTargetLength || target.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Symbolic link target '{target}' is not valid (1 to {MaxTargetLength} bytes, no NUL).", nameof(target));
        }

        Target = target;
    }

    public override FileNodeKind Kind => FileNodeKind.SymbolicLink;

    /// <summary>The link target as written by <c>ln -s</c>.</summary>
    public string Target { get; }

    public override int LinkCount => PathCount;
}

/// <summary>A character or block device node.</summary>
public sealed class DeviceNode : FileNode
{
    public DeviceNode(FileNodeKind kind, uint major, uint minor, int mode = 0x1B0 /* 0660 */)
        : base(mode)
    {
        if (kind is not (FileNodeKind.CharacterDevice or FileNodeKind.BlockDevice))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A device node is a character or block device.");
        }

        // The kernel's dev_t carries a 12-bit major and a 20-bit minor (new_encode_dev).
        ArgumentOutOfRangeException.ThrowIfGreaterThan(major, 0xFFFu);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minor, 0xFFFFFu);
        Kind = kind;
        Major = major;
        Minor = minor;
    }

    public override FileNodeKind Kind { get; }

    public uint Major { get; }

    public uint Minor { get; }

    /// <summary>The device number in the kernel's 32-bit "new" encoding, as stat(2) reports st_rdev for small numbers.</summary>
    public uint EncodedDevice => (Minor & 0xFF) | (Major << 8) | ((Minor & ~0xFFu) << 12);

    public override int LinkCount => PathCount;
}

/// <summary>A named pipe or a Unix domain socket.</summary>
public sealed class SpecialFileNode : FileNode
{
    public SpecialFileNode(FileNodeKind kind, int mode = 0x1A4 /* 0644 */)
        : base(mode)
    {
        if (kind is not (FileNodeKind.Fifo or FileNodeKind.Socket))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A special file is a fifo or a socket.");
        }

        Kind = kind;
    }

    public override FileNodeKind Kind { get; }

    public override int LinkCount => PathCount;
}
