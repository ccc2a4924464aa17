namespace Basalt.Imaging.Cosi;

/// <summary>
/// Everything a COSI 1.2 file describes (microsoft/trident docs/Reference/Composable-OS-Image.md): the primary GPT
/// region of the source disk, the partitions whose contents it carries, the filesystems on them and the OS facts.
/// Partition positions, sizes and types are taken from the GPT itself, so they cannot disagree with it.
/// </summary>
public sealed record CosiSource
{
    /// <summary>The size of the source disk in bytes (a multiple of <see cref="LbaSize"/>).</summary>
    public required long DiskSize { get; init; }

    /// <summary>The logical block size; this writer supports 512, the size the GPT code works in.</summary>
    public int LbaSize { get; init; } = 512;

    /// <summary>Bytes 0 to the end of the primary GPT entry array: protective MBR, header, entries.</summary>
    public required byte[] PrimaryGpt { get; init; }

    /// <summary>The partitions carried, any order; each must be an entry of the GPT.</summary>
    public required IReadOnlyList<CosiPartitionImage> Partitions { get; init; }

    public required IReadOnlyList<CosiFileSystem> FileSystems { get; init; }

    /// <summary>The contents of /etc/os-release, verbatim.</summary>
    public required string OsRelease { get; init; }

    /// <summary><c>x86_64</c> or <c>arm64</c> (the spec's OsArchitecture enum).</summary>
    public required string OsArch { get; init; }

    public required CosiBootloader Bootloader { get; init; }

    public required IReadOnlyList<CosiPackage> Packages { get; init; }

    /// <summary>The optional <c>id</c> of the COSI file; derive it from the build inputs to stay reproducible.</summary>
    public Guid? Id { get; init; }

    /// <summary>The mtime of every tar member, in Unix seconds (SOURCE_DATE_EPOCH).</summary>
    public long Timestamp { get; init; }

    /// <summary>The zstd level of every region image (1 to 22).</summary>
    public int CompressionLevel { get; init; } = 9;
}

/// <summary>The content of GPT entry <see cref="Number"/> (1-based); <see cref="Length"/> may be less than the partition (a shrunk filesystem).</summary>
public sealed record CosiPartitionImage(int Number, long Length, Func<Stream> Open)
{
    /// <summary>A partition read from a host file at <paramref name="offset"/>.</summary>
    public static CosiPartitionImage FromFile(int number, string path, long offset, long length)
        => new(number, length, () =>
        {
            var stream = File.OpenRead(path);
            stream.Position = offset;
            return new Basalt.IO.BoundedReadStream(stream, length, leaveOpen: false, description: $"partition {number} of '{path}'");
        });

    public static CosiPartitionImage FromBytes(int number, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new(number, content.Length, () => new MemoryStream(content, writable: false));
    }
}

/// <summary>A filesystem on partition <see cref="PartitionNumber"/>; its partType is the GPT entry's type.</summary>
public sealed record CosiFileSystem(int PartitionNumber, string MountPoint, string FsType, string FsUuid, CosiVerity? Verity = null);

/// <summary>dm-verity for a filesystem: the hash tree lives on partition <see cref="HashPartitionNumber"/>.</summary>
public sealed record CosiVerity(int HashPartitionNumber, string RootHash);

/// <summary><c>grub</c> or <c>systemd-boot</c> (which requires entries).</summary>
public sealed record CosiBootloader(string Type, IReadOnlyList<CosiBootEntry>? SystemdBootEntries = null)
{
    public const string Grub = "grub";
    public const string SystemdBoot = "systemd-boot";
}

/// <summary>One systemd-boot entry: type <c>uki-standalone</c>, <c>uki-config</c> or <c>config</c>.</summary>
public sealed record CosiBootEntry(string Type, string Path, string Cmdline, string Kernel);

public sealed record CosiPackage(string Name, string Version, string Release, string Arch);
