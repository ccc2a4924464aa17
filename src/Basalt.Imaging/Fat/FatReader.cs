namespace Basalt.Imaging.Fat;

/// <summary>
/// Reads a FAT12, FAT16 or FAT32 volume (fatgen103): lists directories with their long names and reads files by
/// path, matched case-insensitively as FAT does. The volume is a seekable stream (a partition of a disk image
/// through a window), owned by the caller. Every cluster number, chain and directory is checked before use:
/// damaged or hostile volumes throw <see cref="InvalidDataException"/> naming the volume, cluster and offset.
/// </summary>
public sealed partial class FatReader
{
    private readonly Stream _volume;

    private FatReader(Stream volume, string name, BootParameters boot)
    {
        _volume = volume;
        Name = name;
        _boot = boot;
    }

    /// <summary>How the volume is named in messages (e.g. <c>'disk.img' partition 1</c>).</summary>
    public string Name { get; }

    public FatType Type => _boot.Type;

    /// <summary>The number of data clusters (numbered from 2).</summary>
    public long ClusterCount => _boot.ClusterCount;

    public int ClusterBytes => _boot.ClusterBytes;

    /// <summary>The label from the boot sector, trimmed; null when it is empty or "NO NAME".</summary>
    public string? VolumeLabel => _boot.Label;

    /// <summary>False when the stream does not start with a FAT boot sector; throws when it does but the BPB is inconsistent.</summary>
    public static bool TryOpen(Stream volume, string name, out FatReader reader)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(name);
        if (!volume.CanSeek || !volume.CanRead)
        {
            throw new ArgumentException("A FAT volume must be a readable, seekable stream.", nameof(volume));
        }

        reader = null!;
        if (!TryReadBootParameters(volume, name, out var boot))
        {
            return false;
        }

        reader = new FatReader(volume, name, boot);
        return true;
    }

    /// <summary>Opens the volume or throws <see cref="InvalidDataException"/> when it is not FAT.</summary>
    public static FatReader Open(Stream volume, string name)
        => TryOpen(volume, name, out var reader) ? reader
            : throw new InvalidDataException($"{name}: no FAT boot sector (signature 0xAA55 with a valid BIOS parameter block) at offset 0.");

    /// <summary>The entries of the directory at <paramref name="path"/> ("/" for the root), without "." and "..", in directory order.</summary>
    public IReadOnlyList<FatReaderEntry> ListDirectory(string path)
    {
        var directory = GetEntry(path);
        if (!directory.IsDirectory)
        {
            throw new IOException($"{Name}: '{directory.Path}' is a file, not a directory.");
        }

        return ReadDirectory(directory);
    }

    /// <summary>Finds a file or directory; false when some component of the path does not exist.</summary>
    public bool TryGetEntry(string path, out FatReaderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(path);
        entry = RootEntry;
        foreach (var component in path.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!entry.IsDirectory)
            {
                return false;
            }

            var next = ReadDirectory(entry).FirstOrDefault(child => Matches(child, component));
            if (next is null)
            {
                return false;
            }

            entry = next;
        }

        return true;
    }

    /// <summary>Finds a file or directory, or throws <see cref="FileNotFoundException"/> naming the path and the volume.</summary>
    public FatReaderEntry GetEntry(string path)
        => TryGetEntry(path, out var entry) ? entry : throw new FileNotFoundException($"{Name}: '{path}' does not exist.", path);

    // FAT compares names without regard to case (fatgen103 section 6: short names are stored upper case; long names
    // are matched case-insensitively), so both the long and the short name of an entry answer to a lookup.
    private static bool Matches(FatReaderEntry entry, string component)
        => string.Equals(entry.Name, component, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry.ShortName, component, StringComparison.OrdinalIgnoreCase);

    private FatReaderEntry RootEntry => new("/", "", "", IsDirectory: true, 0, _boot.RootCluster, FatReaderLayout.AttributeDirectory);
}
