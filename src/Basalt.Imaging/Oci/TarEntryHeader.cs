namespace Basalt.Imaging.Oci;

/// <summary>What one tar member carries, before it is encoded into a ustar header and optional pax records.</summary>
internal sealed record TarEntryHeader
{
    /// <summary>The member name, relative, '/'-separated; directories end in '/'.</summary>
    public required string Name { get; init; }

    public required byte TypeFlag { get; init; }

    /// <summary>Permission bits only (0 to 07777), as ustar stores them.</summary>
    public int Mode { get; init; } = 0x1A4; // 0644

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    /// <summary>Bytes of content that follow the header (regular files only).</summary>
    public long Size { get; init; }

    public long MtimeSeconds { get; init; }

    /// <summary>Sub-second part; a non-zero value is recorded as a pax "mtime" record.</summary>
    public uint MtimeNanoseconds { get; init; }

    public string LinkName { get; init; } = "";

    public uint DevMajor { get; init; }

    public uint DevMinor { get; init; }

    /// <summary>Extended attributes, written as pax "SCHILY.xattr.NAME" records in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> ExtendedAttributes { get; init; } = [];
}
