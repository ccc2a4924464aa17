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
    private readonly SafeTreeWriter<RpmPayloadEntry> _tree;
    private readonly List<(string Full, RpmPayloadEntry Entry)> _directoryAttributes = [];
    private readonly Dictionary<(uint Device, uint Inode), LinkGroup> _linkGroups = [];

    public RpmExtraction(string source, string targetDirectory)
    {
        _source = source;
        _tree = new SafeTreeWriter<RpmPayloadEntry>(targetDirectory, Conflict);
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

            // Re-check, as for the other links: a later entry may have replaced a parent or taken the name.
            _tree.EnsureParents(entry, entry.RelativePath);
            _tree.Clear(entry, entry.RelativePath);
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
        var full = _tree.FullPath(relative);
        _tree.EnsureParents(entry, relative);
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
                _tree.Clear(entry, relative);
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
        _tree.EnsureDirectory(entry, relative);
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

        _tree.Clear(entry, relative);
        File.CreateSymbolicLink(full, target);
        Result.Symlinks++;
    }

    private void WriteFile(RpmPayloadEntry entry, string full, Stream data)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            using (var output = _tree.CreateFile(entry.RelativePath, entry.HasContent ? entry.File.Size : 0))
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
