namespace Basalt.Rpm.Writer;

/// <summary>The kinds of file entry the writer packages.</summary>
internal enum RpmFileKind
{
    RegularFile,
    Directory,
    SymbolicLink,
}

/// <summary>
/// RPMFILE_* bits of RPMTAG_FILEFLAGS (rpm's rpmfiles.h, rpmfileAttrs): what %config, %doc, %license, %ghost and
/// friends put in the header.
/// </summary>
[Flags]
internal enum RpmFileFlags : uint
{
    None = 0,
    Config = 1 << 0,
    Doc = 1 << 1,
    MissingOk = 1 << 3,
    NoReplace = 1 << 4,
    Ghost = 1 << 6,
    License = 1 << 7,
    Readme = 1 << 8,
    Artifact = 1 << 12,
}

/// <summary>
/// One packaged path. Regular files take their content from <see cref="SourcePath"/> (or from the file named by
/// <see cref="HardLinkTo"/>, whose content and inode they share); ghost files have no content in the payload.
/// </summary>
/// <param name="Path">Absolute path in the installed system, e.g. "/usr/bin/hello".</param>
/// <param name="Kind">Regular file, directory or symbolic link.</param>
internal sealed record RpmFileDefinition(string Path, RpmFileKind Kind)
{
    /// <summary>Permission bits (07777); the type bits come from <see cref="Kind"/>.</summary>
    public uint Permissions { get; init; } = FilePermissions.Mode0644;

    public string User { get; init; } = "root";

    public string Group { get; init; } = "root";

    public RpmFileFlags Flags { get; init; }

    /// <summary>Where a regular file's content is read from.</summary>
    public string? SourcePath { get; init; }

    /// <summary>A symbolic link's target.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>Another packaged regular file this one is a hard link of.</summary>
    public string? HardLinkTo { get; init; }

    /// <summary>Modification time in seconds since the epoch (already clamped to SOURCE_DATE_EPOCH by the caller).</summary>
    public long ModificationTime { get; init; }

    public bool IsGhost => (Flags & RpmFileFlags.Ghost) != 0;

    /// <summary>st_mode: the S_IFMT type bits of <see cref="Kind"/> plus <see cref="Permissions"/>.</summary>
    public uint Mode => Permissions | Kind switch
    {
        RpmFileKind.Directory => 0x4000u,
        RpmFileKind.SymbolicLink => 0xA000u,
        _ => 0x8000u,
    };
}

/// <summary>Permission bits used as defaults (C# has no octal literals; the octal value is in each name).</summary>
internal static class FilePermissions
{
    /// <summary>0644.</summary>
    public const uint Mode0644 = 0x1A4;

    /// <summary>0755.</summary>
    public const uint Mode0755 = 0x1ED;

    /// <summary>0777.</summary>
    public const uint Mode0777 = 0x1FF;
}
