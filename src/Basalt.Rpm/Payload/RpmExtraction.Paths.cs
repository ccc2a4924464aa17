using System.Runtime.Versioning;
using Basalt.IO;

namespace Basalt.Rpm.Payload;

[UnsupportedOSPlatform("windows")]
internal sealed partial class RpmExtraction
{
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

        _tree.Clear(entry, relative);
        if (!entry.HasContent)
        {
            if (group.DataPath is null)
            {
                group.Pending.Add((entry, full));
                return;
            }

            UnixFileSystem.Link(group.DataPath, full);
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
            _tree.EnsureParents(entry, entry.RelativePath);
            _tree.Clear(entry, entry.RelativePath);
            UnixFileSystem.Link(group.DataPath!, full);
            Result.HardLinks++;
        }

        group.Pending.Clear();
    }

    private InvalidDataException Conflict(RpmPayloadEntry entry, TreeConflict conflict, string path, Exception? innerException) => conflict switch
    {
        TreeConflict.ParentIsSymlink => Error(entry, $"would be written through the symlink '{path}'"),
        TreeConflict.ParentIsNotDirectory => Error(entry, $"its parent '{path}' is not a directory"),
        _ => new($"'{_source}': payload entry '{entry.File.Path}' would replace the non-empty directory '{path}'.", innerException),
    };
}
