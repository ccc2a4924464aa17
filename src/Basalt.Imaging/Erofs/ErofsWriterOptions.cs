namespace Basalt.Imaging.Erofs;

/// <summary>
/// What an EROFS image records besides the tree. Defaults are reproducible: the epoch as build time
/// and the nil UUID (mkfs.erofs -T0 -U 00000000-0000-0000-0000-000000000000).
/// </summary>
public sealed record ErofsWriterOptions
{
    /// <summary>The superblock build time (mkfs.erofs -T). Inodes whose mtime equals it can use the
    /// 32-byte compact form; any other mtime needs an extended inode.</summary>
    public Tree.FileTimestamp BuildTime { get; init; }

    /// <summary>The filesystem UUID (mkfs.erofs -U), stored in textual byte order.</summary>
    public Guid Uuid { get; init; }

    /// <summary>The volume label, at most 16 bytes of UTF-8 (mkfs.erofs -L).</summary>
    public string? VolumeName { get; init; }

    /// <summary>How many files are read at once when writing to a file (at least 1).</summary>
    public int MaxParallelism { get; init; } = Math.Min(Environment.ProcessorCount, 8);
}
