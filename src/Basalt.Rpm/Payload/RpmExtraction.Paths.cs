using System.Runtime.Versioning;

namespace Basalt.Rpm.Payload;

[UnsupportedOSPlatform("windows")]
internal sealed partial class RpmExtraction
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

        public List<(RpmPayloadEntry Entry, string Full)> Pending { get; } = [];
    }

    /// <summary>rpm stores a hard-link group's data once, on the last link; earlier links wait for it.</summary>
    private void AddHardLink(RpmPayloadEntry entry, string relative, string full)
    {
        var key = (entry.File.Device, entry.File.Inode);
        if (!_linkGroups.TryGetValue(key, out var group))
        {
            group = new LinkGroup();
            _linkGroups.Add(key, group);
        }

        ClearPath(entry, relative, full);
        if (!entry.HasContent)
        {
            if (group.DataPath is null)
            {
                group.Pending.Add((entry, full));
                return;
            }

            HardLinkNative.Link(group.DataPath, full);
            Result.HardLinks++;
            return;
        }

        WriteFile(entry, full, entry.Data);
        group.DataPath = full;
        LinkPending(group);
    }

    private void LinkPending(LinkGroup group)
    {
        foreach (var (entry, full) in group.Pending)
        {
            // Re-check the parents: a later entry may have replaced one since this link was seen.
            EnsureParents(entry, entry.RelativePath);
            ClearPath(entry, entry.RelativePath, full);
            HardLinkNative.Link(group.DataPath!, full);
            Result.HardLinks++;
        }

        group.Pending.Clear();
    }

    /// <summary>Makes every parent of <paramref name="relative"/> a real directory, creating missing ones; refuses symlinks.</summary>
    private void EnsureParents(RpmPayloadEntry entry, string relative)
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
                    throw Error(entry, $"would be written through the symlink '{parent}'");
                default:
                    throw Error(entry, $"its parent '{parent}' is not a directory");
            }

            _directories.Add(parent);
        }
    }

    /// <summary>Removes whatever is at <paramref name="full"/> without following a symlink, so the entry can take the name.</summary>
    private void ClearPath(RpmPayloadEntry entry, string relative, string full)
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
                    throw new InvalidDataException($"'{_source}': payload entry '{entry.File.Path}' would replace the non-empty directory '{relative}'.", ex);
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
