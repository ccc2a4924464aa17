namespace Basalt.Rpm.Metadata;

/// <summary>
/// One file of a package as the header describes it: the parallel RPMTAG_FILE* arrays at one index.
/// Strings are "" where the header has no value (a package without FILELINKTOS, a directory's digest, …).
/// </summary>
/// <param name="Path">The full path: DIRNAMES[DIRINDEXES[i]] + BASENAMES[i], or OLDFILENAMES[i] in old packages.</param>
/// <param name="Mode">st_mode: file type and permission bits (FILEMODES).</param>
/// <param name="Size">The size in bytes (LONGFILESIZES when present, else FILESIZES).</param>
/// <param name="User">The owner's name (FILEUSERNAME).</param>
/// <param name="Group">The group's name (FILEGROUPNAME).</param>
/// <param name="MTime">Modification time in seconds since the epoch (FILEMTIMES).</param>
/// <param name="Digest">The content digest in lowercase hex with the package's <see cref="RpmPackageInfo.FileDigestAlgorithm"/>; "" for non-regular files.</param>
/// <param name="LinkTarget">The symlink target (FILELINKTOS); "" for other files.</param>
/// <param name="Flags">%config, %doc, %ghost, … (FILEFLAGS).</param>
/// <param name="Device">The device number the file was on at build time (FILEDEVICES); with <paramref name="Inode"/> it identifies hard links.</param>
/// <param name="Inode">The inode number at build time (FILEINODES).</param>
/// <param name="Rdev">The device number of a device node (FILERDEVS).</param>
/// <param name="Language">The %lang tag (FILELANGS); "" when the file is for every language.</param>
/// <param name="Capability">The file capabilities in cap_to_text form as rpm stores them (FILECAPS); "" when none.</param>
/// <param name="LinkCount">How many files of the package share this file's (device, inode): hard-link group size, 1 when alone.</param>
public sealed record RpmFileInfo(
    string Path,
    ushort Mode,
    long Size,
    string User,
    string Group,
    long MTime,
    string Digest,
    string LinkTarget,
    RpmFileFlags Flags,
    uint Device,
    uint Inode,
    uint Rdev,
    string Language,
    string Capability,
    int LinkCount)
{
    /// <summary>S_IFMT: the file-type bits of <see cref="Mode"/>.</summary>
    public const int TypeMask = 0xF000;

    public const int RegularType = 0x8000;

    public const int DirectoryType = 0x4000;

    public const int SymlinkType = 0xA000;

    public bool IsRegular => (Mode & TypeMask) == RegularType;

    public bool IsDirectory => (Mode & TypeMask) == DirectoryType;

    public bool IsSymlink => (Mode & TypeMask) == SymlinkType;

    /// <summary>The permission bits (including set-uid, set-gid and sticky).</summary>
    public int Permissions => Mode & 0xFFF;

    /// <summary>The mode as ls -l and rpm's :perms print it, e.g. "-rwxr-xr-x" or "lrwxrwxrwx".</summary>
    public string PermissionString => Query.QueryFormatters.Permissions(Mode);

    public bool IsConfig => (Flags & RpmFileFlags.Config) != 0;

    public bool IsGhost => (Flags & RpmFileFlags.Ghost) != 0;

    public bool IsDoc => (Flags & RpmFileFlags.Doc) != 0;

    public bool IsLicense => (Flags & RpmFileFlags.License) != 0;
}
