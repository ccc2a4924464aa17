namespace Basalt.Imaging.Tree;

/// <summary>How <see cref="FileTreeLoader.FromDirectory"/> reads a host directory.</summary>
public sealed record FileTreeLoaderOptions
{
    /// <summary>Record every file as owned by uid 0 and gid 0 (mkfs.erofs --all-root).</summary>
    public bool AllRoot { get; init; }

    /// <summary>Read extended attributes from the host (Linux only; other systems have none to read).</summary>
    public bool ReadExtendedAttributes { get; init; } = true;

    /// <summary>When set, every modification time is replaced by this one (reproducible builds).</summary>
    public FileTimestamp? Timestamp { get; init; }

    /// <summary>Content of files up to this size is read into memory at load time; larger files are read when written.</summary>
    public int InMemoryThreshold { get; init; } = 64 * 1024;
}
