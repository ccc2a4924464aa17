using System.Runtime.Versioning;
using System.Text;

namespace Basalt.IO.Cpio;

/// <summary>The state of one extraction: verified directories, pending hard-link groups, deferred directory attributes.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed partial class CpioExtraction
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SafeTreeWriter<CpioEntry> _tree;
    private readonly CpioExtractOptions _options;
    private readonly bool _privileged = Environment.IsPrivilegedProcess;
    private readonly CpioExtractionResult _result = new();

    private readonly List<(string Path, CpioEntry Entry)> _directoryAttributes = [];
    private readonly Dictionary<(uint Inode, uint Major, uint Minor), LinkGroup> _linkGroups = [];

    public CpioExtraction(string targetDirectory, CpioExtractOptions options)
    {
        _tree = new SafeTreeWriter<CpioEntry>(targetDirectory, Conflict);
        _options = options;
    }

    public void Add(CpioEntry entry, Stream data)
    {
        if (entry.Format == CpioFormat.Stripped)
        {
            throw new InvalidDataException(
                $"cpio entry '{entry.Display}' at offset {entry.HeaderOffset}: stripped entries have no name; extract them through the package header.");
        }

        var relative = SafePath.Normalize(entry.Name);
        if (relative.Length == 0)
        {
            if (entry.EntryType != CpioEntryType.Directory)
            {
                throw new InvalidDataException($"cpio entry '{entry.Name}' at offset {entry.HeaderOffset} names the root but is not a directory.");
            }

            return; // "." itself: the target directory already exists and keeps its own attributes.
        }

        var full = _tree.FullPath(relative);
        _tree.EnsureParents(entry, relative);
        switch (entry.EntryType)
        {
            case CpioEntryType.Directory:
                AddDirectory(entry, relative, full);
                break;
            case CpioEntryType.RegularFile when entry.NumberOfLinks > 1:
                AddHardLink(entry, relative, full, data);
                break;
            case CpioEntryType.RegularFile:
                _tree.Clear(entry, relative);
                WriteFile(relative, data);
                ApplyAttributes(entry, full, isSymlink: false);
                _result.Files++;
                break;
            case CpioEntryType.SymbolicLink:
                AddSymlink(entry, relative, full, data);
                break;
            case CpioEntryType.CharacterDevice or CpioEntryType.BlockDevice or CpioEntryType.Fifo:
                AddSpecial(entry, relative, full);
                break;
            default:
                _result.Warn($"Skipped cpio entry '{entry.Name}': file type 0x{entry.Mode & 0xF000:x4} is not extracted.");
                break;
        }
    }

    public CpioExtractionResult Complete()
    {
        // Hard-link groups whose links all had size 0 are empty files (GNU cpio does the same).
        foreach (var group in _linkGroups.Values.Where(g => g.DataPath is null && g.Pending.Count > 0))
        {
            var (firstEntry, firstRelative, firstFull) = group.Pending[0];
            _tree.EnsureParents(firstEntry, firstRelative);
            _tree.Clear(firstEntry, firstRelative);
            WriteFile(firstRelative, Stream.Null);
            _result.Files++;
            group.DataPath = firstFull;
            group.Pending.RemoveAt(0);
            LinkPending(group);
            ApplyAttributes(firstEntry, firstFull, isSymlink: false);
        }

        // Deepest first, so a read-only parent is locked only after its children are done.
        foreach (var (path, entry) in _directoryAttributes.OrderByDescending(d => d.Path.Count(c => c == '/')).ThenBy(d => d.Path, StringComparer.Ordinal))
        {
            ApplyAttributes(entry, path, isSymlink: false);
        }

        return _result;
    }

    private void AddDirectory(CpioEntry entry, string relative, string full)
    {
        _tree.EnsureDirectory(entry, relative);
        _directoryAttributes.Add((full, entry));
        _result.Directories++;
    }

    private void AddSymlink(CpioEntry entry, string relative, string full, Stream data)
    {
        if (entry.FileSize <= 0 || entry.FileSize > _options.MaxSymlinkTargetLength)
        {
            throw new InvalidDataException(
                $"cpio symlink '{entry.Name}' at offset {entry.HeaderOffset}: target length {entry.FileSize} is outside 1..{_options.MaxSymlinkTargetLength}.");
        }

        var bytes = new byte[entry.FileSize];
        data.ReadExactly(bytes, $"symlink target of cpio entry '{entry.Name}'", entry.HeaderOffset);
        string target;
        try
        {
            target = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"cpio symlink '{entry.Name}': the target is not valid UTF-8.", ex);
        }

        SafePath.EnsureSymlinkInside(entry.Name, target, _options.AllowAbsoluteSymlinks);
        _tree.Clear(entry, relative);
        File.CreateSymbolicLink(full, target);
        ApplyAttributes(entry, full, isSymlink: true);
        _result.Symlinks++;
    }

    private void AddSpecial(CpioEntry entry, string relative, string full)
    {
        if (!_privileged || !_options.CreateSpecialFiles)
        {
            _result.Warn($"Skipped cpio entry '{entry.Name}': {entry.EntryType} needs root.");
            return;
        }

        _tree.Clear(entry, relative);
        var errno = UnixFileSystem.MkNod(full, entry.Mode, entry.RdevMajor, entry.RdevMinor);
        if (errno != 0)
        {
            _result.Warn($"Skipped cpio entry '{entry.Name}': mknod failed with errno {errno}.");
            return;
        }

        ApplyAttributes(entry, full, isSymlink: false);
        _result.SpecialFiles++;
    }

    private void ApplyAttributes(CpioEntry entry, string full, bool isSymlink)
    {
        if (_options.ApplyOwnership && _privileged)
        {
            // Before chmod: chown clears set-user-ID and set-group-ID bits.
            UnixFileSystem.LChown(full, entry.Uid, entry.Gid);
        }

        if (!isSymlink)
        {
            File.SetUnixFileMode(full, (UnixFileMode)entry.Permissions);
        }

        if (_options.PreserveModificationTimes)
        {
            // .NET sets times with utimensat(AT_SYMLINK_NOFOLLOW), so a symlink's own time changes, not its target's.
            File.SetLastWriteTimeUtc(full, entry.ModificationTimeUtc.UtcDateTime);
        }
    }

    private void WriteFile(string relative, Stream data)
    {
        using var file = _tree.CreateFile(relative);
        data.CopyTo(file);
    }
}
