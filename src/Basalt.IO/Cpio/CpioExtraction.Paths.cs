using System.Runtime.Versioning;

namespace Basalt.IO.Cpio;

[UnsupportedOSPlatform("windows")]
internal sealed partial class CpioExtraction
{
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

            _tree.Clear(entry, relative);
            UnixFileSystem.Link(group.DataPath, full);
            _result.HardLinks++;
            return;
        }

        if (group.DataPath is not null)
        {
            throw new InvalidDataException(
                $"cpio entry '{entry.Name}' at offset {entry.HeaderOffset}: inode {entry.Inode} already got its data from '{group.DataName}'.");
        }

        _tree.Clear(entry, relative);
        WriteFile(relative, data);
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
            _tree.EnsureParents(entry, relative);
            _tree.Clear(entry, relative);
            UnixFileSystem.Link(group.DataPath!, full);
            _result.HardLinks++;
        }

        group.Pending.Clear();
    }

    private static InvalidDataException Conflict(CpioEntry entry, TreeConflict conflict, string path, Exception? innerException) => conflict switch
    {
        TreeConflict.ParentIsSymlink => new($"cpio entry '{entry.Name}' at offset {entry.HeaderOffset} would be written through the symlink '{path}'."),
        TreeConflict.ParentIsNotDirectory => new($"cpio entry '{entry.Name}' at offset {entry.HeaderOffset}: its parent '{path}' is not a directory."),
        _ => new($"cpio entry '{entry.Name}' at offset {entry.HeaderOffset} would replace the non-empty directory '{path}'.", innerException),
    };
}
