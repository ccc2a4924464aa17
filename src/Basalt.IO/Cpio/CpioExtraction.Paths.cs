using System.Runtime.Versioning;

namespace Basalt.IO.Cpio;

[UnsupportedOSPlatform("windows")]
internal sealed partial class CpioExtraction
{
    private enum PathKind
    {
        Missing,
        Directory,
        Symlink,
        Other,
    }

    private sealed class LinkGroup
    {
        public string? DataPath { get; set; }

        public string DataName { get; set; } = "";

        public List<(CpioEntry Entry, string Relative, string Full)> Pending { get; } = [];
    }

    private void AddHardLink(CpioEntry entry, string relative, string full, Stream data)
    {
        var key = (entry.Inode, entry.DevMajor, entry.DevMinor);
        if (!_linkGroups.TryGetValue(key, out var group))
        {
            group = new LinkGroup();
            _linkGroups.Add(key, group);
        }

        if (entry.FileSize == 0)
        {
            if (group.DataPath is null)
            {
                group.Pending.Add((entry, relative, full)); // rpm and GNU cpio put the data on the last link.
                return;
            }

            ClearPath(entry, relative, full);
            UnixNative.Link(group.DataPath, full);
            _result.HardLinks++;
            return;
        }

        if (group.DataPath is not null)
        {
            throw new InvalidDataException(
                $"cpio entry '{entry.Name}' at offset {entry.HeaderOffset}: inode {entry.Inode} already got its data from '{group.DataName}'.");
        }

        ClearPath(entry, relative, full);
        WriteFile(full, data);
        _result.Files++;
        group.DataPath = full;
        group.DataName = entry.Name;
        LinkPending(group);
        ApplyAttributes(entry, full, isSymlink: false);
    }

    private void LinkPending(LinkGroup group)
    {
        foreach (var (entry, relative, full) in group.Pending)
        {
            // Re-check: a later entry may have replaced a parent since this link was seen.
            EnsureParent(entry, relative);
            ClearPath(entry, relative, full);
            UnixNative.Link(group.DataPath!, full);
            _result.HardLinks++;
        }

        group.Pending.Clear();
    }

    /// <summary>Makes sure every parent of <paramref name="relative"/> is a real directory, creating missing ones.</summary>
    private void EnsureParent(CpioEntry entry, string relative)
    {
        var slash = relative.LastIndexOf('/');
        if (slash < 0 || _directories.Contains(relative[..slash]))
        {
            return;
        }

        var start = 0;
        while ((slash = relative.IndexOf('/', start)) >= 0)
        {
            var parent = relative[..slash];
            start = slash + 1;
            if (_directories.Contains(parent))
            {
                continue;
            }

            var full = _root + Path.DirectorySeparatorChar + parent;
            switch (Kind(full))
            {
                case PathKind.Missing:
                    Directory.CreateDirectory(full);
                    break;
                case PathKind.Directory:
                    break;
                case PathKind.Symlink:
                    throw new InvalidDataException(
                        $"cpio entry '{entry.Name}' at offset {entry.HeaderOffset} would be written through the symlink '{parent}'.");
                default:
                    throw new InvalidDataException(
                        $"cpio entry '{entry.Name}' at offset {entry.HeaderOffset}: its parent '{parent}' is not a directory.");
            }

            _directories.Add(parent);
        }
    }

    /// <summary>Removes whatever is at <paramref name="full"/> (never following a symlink) so the entry can take the name.</summary>
    private void ClearPath(CpioEntry entry, string relative, string full)
    {
        switch (Kind(full))
        {
            case PathKind.Missing:
                return;
            case PathKind.Directory:
                try
                {
                    Directory.Delete(full, recursive: false);
                }
                catch (IOException ex)
                {
                    throw new InvalidDataException(
                        $"cpio entry '{entry.Name}' at offset {entry.HeaderOffset} would replace the non-empty directory '{relative}'.", ex);
                }

                _directories.RemoveWhere(d => d == relative || d.StartsWith(relative + "/", StringComparison.Ordinal));
                return;
            default:
                File.Delete(full); // unlink(2): removes a symlink itself, never its target.
                return;
        }
    }

    private static PathKind Kind(string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            return PathKind.Symlink;
        }

        if (Directory.Exists(full))
        {
            return PathKind.Directory;
        }

        return info.Exists ? PathKind.Other : PathKind.Missing;
    }
}
