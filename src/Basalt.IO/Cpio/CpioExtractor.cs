namespace Basalt.IO.Cpio;

/// <summary>Switches for <see cref="CpioExtractor"/>.</summary>
public sealed record CpioExtractOptions
{
    public static CpioExtractOptions Default { get; } = new();

    /// <summary>Header caps and variant switches for the archive.</summary>
    public CpioReaderOptions Reader { get; init; } = CpioReaderOptions.Default;

    /// <summary>Apply c_uid/c_gid (lchown). Takes effect only when the process runs as root.</summary>
    public bool ApplyOwnership { get; init; }

    /// <summary>Set each entry's modification time from c_mtime (as <c>cpio -m</c>).</summary>
    public bool PreserveModificationTimes { get; init; } = true;

    /// <summary>
    /// Accept symlinks with absolute targets. They resolve against the image root once the tree is an image, and are
    /// the norm in RPM payloads; the extractor never follows any symlink while writing, so they cannot redirect writes.
    /// </summary>
    public bool AllowAbsoluteSymlinks { get; init; } = true;

    /// <summary>Create device nodes and FIFOs when running as root; otherwise they are skipped with a warning.</summary>
    public bool CreateSpecialFiles { get; init; } = true;

    /// <summary>The longest symlink target accepted (Linux PATH_MAX less the NUL).</summary>
    public int MaxSymlinkTargetLength { get; init; } = 4095;
}

/// <summary>What an extraction did.</summary>
public sealed class CpioExtractionResult
{
    private readonly List<string> _warnings = [];

    public int Files { get; internal set; }

    public int Directories { get; internal set; }

    public int Symlinks { get; internal set; }

    /// <summary>Names created as additional hard links to an earlier file.</summary>
    public int HardLinks { get; internal set; }

    public int SpecialFiles { get; internal set; }

    /// <summary>Entries skipped or attributes not applied, each naming the entry.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    internal void Warn(string message) => _warnings.Add(message);
}

/// <summary>
/// Extracts a cpio archive under a target directory without ever writing outside it: names with ".." or an absolute
/// path are refused, symlinks whose target escapes the root are refused, and no symlink already in the tree is followed
/// (every parent component must be a real directory). Hard links are rebuilt from inode groups. A failure throws
/// <see cref="InvalidDataException"/> naming the entry; entries already written stay (extract into a temporary
/// directory through <see cref="AtomicOutput.CreateDirectory"/> to get all-or-nothing).
/// </summary>
public static class CpioExtractor
{
    /// <summary>Reads <paramref name="archive"/> (an uncompressed cpio stream) and extracts it under <paramref name="targetDirectory"/>.</summary>
    public static CpioExtractionResult Extract(Stream archive, string targetDirectory, CpioExtractOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(archive);
        options ??= CpioExtractOptions.Default;
        using var reader = new CpioNewcReader(archive, options.Reader, leaveOpen: true);
        return Extract(reader, targetDirectory, options);
    }

    /// <summary>Extracts the remaining entries of <paramref name="reader"/> under <paramref name="targetDirectory"/>.</summary>
    public static CpioExtractionResult Extract(CpioNewcReader reader, string targetDirectory, CpioExtractOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("cpio extraction needs POSIX file modes, symlinks and hard links.");
        }

        var session = new CpioExtraction(targetDirectory, options ?? CpioExtractOptions.Default);
        while (reader.GetNextEntry() is { } entry)
        {
            session.Add(entry, reader.DataStream);
        }

        return session.Complete();
    }
}
