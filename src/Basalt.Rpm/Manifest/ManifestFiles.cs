using Basalt.Rpm.Writer;
using YamlDotNet.RepresentationModel;

namespace Basalt.Rpm.Manifest;

/// <summary>
/// Turns the "source" directory and the "files" list into the package's file definitions: every regular file and
/// symbolic link under the source directory is packaged; a listed path adds attributes to it, makes a source
/// directory owned, or declares a directory, symbolic link, hard link or ghost that is not in the tree.
/// </summary>
internal static class ManifestFiles
{
    public static List<RpmFileDefinition> Read(YamlMappingNode root, string manifestDirectory, long? sourceDateEpoch, ManifestErrors errors)
    {
        var entries = ManifestFileEntries.Read(root, errors);
        var source = errors.String(root, "source", "");
        var tree = new Dictionary<string, SourceTree.Node>(StringComparer.Ordinal);
        if (source is not null)
        {
            var directory = Path.GetFullPath(Path.Combine(manifestDirectory, source));
            if (Directory.Exists(directory))
            {
                tree = SourceTree.Scan(directory);
            }
            else
            {
                errors.Add("source", $"the directory '{source}' does not exist (relative to the manifest)");
            }
        }

        // Files without a source (declared directories, links, ghosts) get the build's time: SOURCE_DATE_EPOCH, else 0.
        var declaredTime = sourceDateEpoch ?? 0;
        var byPath = entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var result = new List<RpmFileDefinition>();
        foreach (var (path, node) in tree)
        {
            if (node.Kind == RpmFileKind.Directory && !byPath.ContainsKey(path))
            {
                continue;
            }

            var mtime = sourceDateEpoch is { } epoch ? Math.Min(node.ModificationTime, epoch) : node.ModificationTime;
            var file = new RpmFileDefinition(path, node.Kind)
            {
                Permissions = node.Permissions,
                SourcePath = node.Kind == RpmFileKind.RegularFile ? node.FullPath : null,
                LinkTarget = node.LinkTarget,
                ModificationTime = mtime,
            };
            if (byPath.TryGetValue(path, out var entry))
            {
                file = Apply(file, entry, node, errors);
            }

            result.Add(file);
        }

        foreach (var entry in entries)
        {
            if (!tree.ContainsKey(entry.Path) && Declared(entry, declaredTime, errors) is { } declared)
            {
                result.Add(declared);
            }
        }

        CheckHardLinks(result, entries, errors);
        return result;
    }

    private static RpmFileDefinition Apply(RpmFileDefinition file, ManifestFileEntry entry, SourceTree.Node node, ManifestErrors errors)
    {
        if (entry.Symlink is not null || entry.HardLink is not null)
        {
            errors.Add(entry.KeyPath, $"'{entry.Path}' is in the source directory, so it cannot also be declared as a {(entry.Symlink is null ? "hard link" : "symbolic link")}");
        }

        if (entry.Directory && node.Kind != RpmFileKind.Directory)
        {
            errors.Add($"{entry.KeyPath}.directory", $"'{entry.Path}' is not a directory in the source directory");
        }

        return file with
        {
            Permissions = entry.Permissions ?? file.Permissions,
            User = entry.Owner ?? file.User,
            Group = entry.Group ?? file.Group,
            Flags = entry.Flags,
        };
    }

    private static RpmFileDefinition? Declared(ManifestFileEntry entry, long time, ManifestErrors errors)
    {
        RpmFileDefinition file;
        if (entry.Directory)
        {
            file = new RpmFileDefinition(entry.Path, RpmFileKind.Directory) { Permissions = FilePermissions.Mode0755 };
        }
        else if (entry.Symlink is not null)
        {
            file = new RpmFileDefinition(entry.Path, RpmFileKind.SymbolicLink) { Permissions = FilePermissions.Mode0777, LinkTarget = entry.Symlink };
        }
        else if (entry.HardLink is not null || entry.IsGhost)
        {
            file = new RpmFileDefinition(entry.Path, RpmFileKind.RegularFile) { HardLinkTo = entry.HardLink };
        }
        else
        {
            errors.Add($"{entry.KeyPath}.path", $"'{entry.Path}' is not in the source directory (declare it with directory, symlink, hardlink or ghost)");
            return null;
        }

        return file with
        {
            Permissions = entry.Permissions ?? file.Permissions,
            User = entry.Owner ?? file.User,
            Group = entry.Group ?? file.Group,
            Flags = entry.Flags,
            ModificationTime = time,
        };
    }

    private static void CheckHardLinks(List<RpmFileDefinition> files, List<ManifestFileEntry> entries, ManifestErrors errors)
    {
        var regular = files
            .Where(f => f.Kind == RpmFileKind.RegularFile && f.HardLinkTo is null && !f.IsGhost)
            .Select(f => f.Path)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.HardLink is { } target && !regular.Contains(target))
            {
                errors.Add($"{entry.KeyPath}.hardlink", $"'{target}' is not a packaged regular file with content");
            }
        }
    }
}
