using System.Buffers;
using System.Runtime.Versioning;
using System.Text;
using Basalt.IO;

namespace Basalt.Rpm.Payload;

/// <summary>The state of one extraction: verified directories, hard-link groups, deferred directory attributes.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed partial class RpmExtraction
{
    private const int CopyBufferSize = 128 * 1024;
    private const int MaxSymlinkTarget = 4095;

    private readonly string _source;
    private readonly string _root;

    // Relative paths known to be real directories (never symlinks) in this extraction.
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { "" };
    private readonly List<(string Full, RpmPayloadEntry Entry)> _directoryAttributes = [];
    private readonly Dictionary<(uint Device, uint Inode), LinkGroup> _linkGroups = [];

    public RpmExtraction(string source, string targetDirectory)
    {
        _source = source;
        _root = SafePath.FullRoot(targetDirectory);
        Directory.CreateDirectory(_root);
    }

    public RpmExtractionResult Result { get; } = new();

    public void Add(RpmPayloadEntry entry)
    {
        try
        {
            AddChecked(entry);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not InvalidDataException)
        {
            throw new InvalidDataException($"'{_source}': cannot extract '{entry.File.Path}': {ex.Message}", ex);
        }
    }

    public void Complete()
    {
        foreach (var group in _linkGroups.Values.Where(g => g.DataPath is null && g.Pending.Count > 0))
        {
            // A group without content (all links empty): the first link becomes the file, as cpio does.
            var (entry, full) = group.Pending[0];
            group.Pending.RemoveAt(0);
            WriteFile(entry, full, Stream.Null);
            group.DataPath = full;
            LinkPending(group);
        }

        // Deepest first, so a read-only directory is locked only after everything inside it is written.
        foreach (var (full, entry) in _directoryAttributes.OrderByDescending(d => d.Full.Count(c => c == '/')).ThenBy(d => d.Full, StringComparer.Ordinal))
        {
            ApplyAttributes(entry, full);
        }
    }

    private void AddChecked(RpmPayloadEntry entry)
    {
        var relative = entry.RelativePath;
        var full = _root + Path.DirectorySeparatorChar + relative;
        EnsureParents(entry, relative);
        var file = entry.File;
        if (file.IsDirectory)
        {
            AddDirectory(entry, relative, full);
        }
        else if (file.IsSymlink)
        {
            AddSymlink(entry, relative, full);
        }
        else if (file.IsRegular)
        {
            if (entry.IsHardLink)
            {
                AddHardLink(entry, relative, full);
            }
            else
            {
                ClearPath(entry, relative, full);
                WriteFile(entry, full, entry.Data);
            }
        }
        else
        {
            Result.Warn($"'{_source}': skipped '{file.Path}': file type 0{file.Mode & 0xF000:o6} (device node, FIFO or socket) is not extracted.");
        }
    }

    private void AddDirectory(RpmPayloadEntry entry, string relative, string full)
    {
        if (!_directories.Contains(relative))
        {
            if (Kind(full) != PathKind.Directory)
            {
                ClearPath(entry, relative, full);
                Directory.CreateDirectory(full);
            }

            _directories.Add(relative);
        }

        _directoryAttributes.Add((full, entry));
        Result.Directories++;
    }

    private void AddSymlink(RpmPayloadEntry entry, string relative, string full)
    {
        var length = entry.Cpio.FileSize;
        if (length is <= 0 or > MaxSymlinkTarget)
        {
            throw Error(entry, $"symlink target length {length} is outside 1..{MaxSymlinkTarget}");
        }

        var bytes = new byte[length];
        entry.Data.ReadExactly(bytes, $"symlink target of '{entry.File.Path}' in '{_source}'", entry.Cpio.HeaderOffset);
        var target = Encoding.UTF8.GetString(bytes);
        if (!string.Equals(target, entry.File.LinkTarget, StringComparison.Ordinal))
        {
            throw Error(entry, $"symlink target '{target}' differs from the header's '{entry.File.LinkTarget}'");
        }

        try
        {
            SafePath.EnsureSymlinkInside(relative, target, allowAbsolute: true);
        }
        catch (InvalidDataException ex)
        {
            throw Error(entry, ex.Message);
        }

        ClearPath(entry, relative, full);
        File.CreateSymbolicLink(full, target);
        Result.Symlinks++;
    }

    private void WriteFile(RpmPayloadEntry entry, string full, Stream data)
    {
        // CreateNew is O_CREAT|O_EXCL: it never opens through a symlink that appeared at this name.
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            PreallocationSize = entry.HasContent ? entry.File.Size : 0,
        };
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            using (var output = new FileStream(full, options))
            {
                int read;
                while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
                {
                    output.Write(buffer, 0, read);
                    Result.Bytes += read;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        ApplyAttributes(entry, full);
        Result.Files++;
    }

    private static void ApplyAttributes(RpmPayloadEntry entry, string full)
    {
        File.SetUnixFileMode(full, (UnixFileMode)entry.File.Permissions);
        File.SetLastWriteTimeUtc(full, DateTimeOffset.FromUnixTimeSeconds(entry.File.MTime).UtcDateTime);
    }

    private InvalidDataException Error(RpmPayloadEntry entry, string problem) => new($"'{_source}': payload entry '{entry.File.Path}': {problem}.");
}
