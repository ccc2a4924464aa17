using Basalt.Rpm.Writer;

namespace Basalt.Rpm.Manifest;

/// <summary>One item of the manifest's "files" list: attributes for a path, or a path that is not in the source tree.</summary>
internal sealed record ManifestFileEntry(string KeyPath, string Path)
{
    public uint? Permissions { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public RpmFileFlags Flags { get; init; }

    /// <summary>"directory: true": the package owns this directory (created empty when not in the source tree).</summary>
    public bool Directory { get; init; }

    /// <summary>"symlink: TARGET": a symbolic link that is not in the source tree.</summary>
    public string? Symlink { get; init; }

    /// <summary>"hardlink: PATH": a hard link of another packaged regular file.</summary>
    public string? HardLink { get; init; }

    public bool IsGhost => (Flags & RpmFileFlags.Ghost) != 0;
}
