namespace Basalt.IO.Cpio;

/// <summary>
/// One cpio header. The reader fills every field; the writer takes the same shape. Stripped entries (rpm's
/// "07070X") carry only <see cref="FileIndex"/> and the size the caller supplied: every other attribute lives in the
/// package header.
/// </summary>
public sealed record CpioEntry
{
    private const uint TypeMask = 0xF000;
    private const uint PermissionMask = 0x0FFF;

    /// <summary>The name as stored (rpm writes "./usr/bin/x"; GNU cpio often "usr/bin/x"). Empty for stripped entries.</summary>
    public string Name { get; init; } = "";

    public CpioFormat Format { get; init; } = CpioFormat.Newc;

    public uint Inode { get; init; }

    /// <summary>File type and permission bits, as in st_mode.</summary>
    public uint Mode { get; init; }

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    public uint NumberOfLinks { get; init; } = 1;

    /// <summary>Seconds since the Unix epoch.</summary>
    public uint ModificationTime { get; init; }

    /// <summary>Data bytes following the header (for symlinks, the target).</summary>
    public long FileSize { get; init; }

    public uint DevMajor { get; init; }

    public uint DevMinor { get; init; }

    public uint RdevMajor { get; init; }

    public uint RdevMinor { get; init; }

    /// <summary>For "070702" entries the 32-bit byte sum of the data; zero otherwise.</summary>
    public uint Checksum { get; init; }

    /// <summary>The index into the package header's file arrays for stripped entries; -1 otherwise.</summary>
    public int FileIndex { get; init; } = -1;

    /// <summary>The archive offset of the header (set by the reader).</summary>
    public long HeaderOffset { get; init; }

    public CpioEntryType EntryType => (CpioEntryType)(Mode & TypeMask);

    /// <summary>Permission bits including set-user-ID, set-group-ID and sticky (07777).</summary>
    public uint Permissions => Mode & PermissionMask;

    public DateTimeOffset ModificationTimeUtc => DateTimeOffset.FromUnixTimeSeconds(ModificationTime);

    /// <summary>A text naming the entry for error messages: its name, or its file index for stripped entries.</summary>
    public string Display => Format == CpioFormat.Stripped ? $"file index {FileIndex}" : Name;
}
