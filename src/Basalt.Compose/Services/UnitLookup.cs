using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Services;

internal enum UnitLookupStatus
{
    Regular,
    Masked,
    NotFound,
    /// <summary>The name is a symbolic link in a configuration directory, which enable refuses to follow.</summary>
    LinkedInConfig,
    Loop,
}

/// <summary>A unit found on the search path: its (possibly alias-resolved) name, the file's path, its [Install] section.</summary>
internal sealed record UnitLookupResult(UnitLookupStatus Status, string Name, string? Path, InstallSection? Install);

/// <summary>
/// Finds unit files the way systemctl --root does (systemd.unit(5) "Unit File Load Path", system scope). The
/// image has no /run content and no generators, so the path is /etc/systemd/system, /usr/local/lib/systemd/system,
/// /usr/lib/systemd/system. An instance falls back to its template; a symlink to /dev/null or an empty file masks;
/// a symlink to another name is an alias and is followed by name; a symlink in /etc is followed only when asked
/// (enable refuses "alias name or linked unit file", disable and presets follow).
/// </summary>
internal sealed class UnitLookup
{
    public const string ConfigDirectory = "/etc/systemd/system";

    private static readonly string[] SearchPath = [ConfigDirectory, "/usr/local/lib/systemd/system", "/usr/lib/systemd/system"];

    private const int MaxAliasHops = 64;

    private readonly FileTree _tree;

    public UnitLookup(FileTree tree)
    {
        _tree = tree;
        var seen = new HashSet<FileNode>(ReferenceEqualityComparer.Instance);
        var directories = new List<(string, DirectoryNode)>();
        foreach (var path in SearchPath)
        {
            // A usr-merged or symlinked directory counts once, under its first name (lookup_paths_reduce).
            if (TreeLinks.ResolveDirectory(tree, path, out _) is { } node && seen.Add(node))
            {
                directories.Add((path, node));
            }
        }

        Directories = directories;
    }

    /// <summary>The existing search path directories, in order.</summary>
    public IReadOnlyList<(string Path, DirectoryNode Node)> Directories { get; }

    public UnitLookupResult Find(string name, bool followConfigLinks)
    {
        var current = name;
        string? path = null;
        for (var hop = 0; hop < MaxAliasHops; hop++)
        {
            path ??= Search(current);
            if (path is null)
            {
                return new UnitLookupResult(UnitLookupStatus.NotFound, current, null, null);
            }

            TreeLinks.TryResolve(_tree, path, followLast: false, out _, out var node);
            if (node is RegularFileNode file)
            {
                if (file.Length > InstallSection.MaxUnitFileBytes)
                {
                    throw new InvalidDataException($"Unit file '{path}' is larger than {InstallSection.MaxUnitFileBytes} bytes.");
                }

                var bytes = file.Content.ReadAllBytes();
                if (bytes.Length == 0)
                {
                    return new UnitLookupResult(UnitLookupStatus.Masked, current, path, null);
                }

                var install = InstallSection.Parse(bytes, path);
                foreach (var (dropInPath, dropIn) in DropIns(current))
                {
                    install.ParseMore(dropIn.Length <= InstallSection.MaxUnitFileBytes ? dropIn.Content.ReadAllBytes()
                        : throw new InvalidDataException($"Unit file '{dropInPath}' is larger than {InstallSection.MaxUnitFileBytes} bytes."), dropInPath);
                }

                return new UnitLookupResult(UnitLookupStatus.Regular, current, path, install);
            }

            if (node is not SymbolicLinkNode link)
            {
                return new UnitLookupResult(UnitLookupStatus.NotFound, current, null, null);
            }

            var target = TreeLinks.AbsoluteTarget(path, link.Target);
            if (target == "/dev/null"
                || (TreeLinks.TryResolve(_tree, target, true, out _, out var final) && final is RegularFileNode { Length: 0 }))
            {
                return new UnitLookupResult(UnitLookupStatus.Masked, current, path, null);
            }

            if (!followConfigLinks && IsConfigPath(path))
            {
                return new UnitLookupResult(UnitLookupStatus.LinkedInConfig, current, path, null);
            }

            var targetName = TreeLinks.FileName(target);
            if (targetName == TreeLinks.FileName(path))
            {
                path = target; // the same name elsewhere (a linked unit file): read it there
                continue;
            }

            // An alias: continue with the target's name; an instance of a template alias keeps its instance.
            if (UnitName.IsValid(current, UnitNameForm.Instance) && UnitName.IsValid(targetName, UnitNameForm.Template))
            {
                targetName = UnitName.WithInstance(targetName, UnitName.Instance(current));
            }

            if (!UnitName.IsValid(targetName))
            {
                return new UnitLookupResult(UnitLookupStatus.NotFound, current, null, null);
            }

            current = targetName;
            path = null;
        }

        return new UnitLookupResult(UnitLookupStatus.Loop, current, null, null);
    }

    /// <summary>True for paths directly in /etc/systemd/system (systemd's path_is_config with check_parent).</summary>
    public static bool IsConfigPath(string path) => TreeLinks.Parent(path) == ConfigDirectory;

    /// <summary>
    /// The drop-ins whose [Install] settings systemctl adds (checked against systemctl 252): *.conf in NAME.d, then
    /// for an instance in TEMPLATE.d, in every search path directory; a file name seen first hides later ones; read
    /// in file name order; empty files and links to /dev/null are skipped.
    /// </summary>
    private List<(string Path, RegularFileNode File)> DropIns(string name)
    {
        var found = new SortedDictionary<string, (string, RegularFileNode)>(FileNameComparer.Instance);
        var names = UnitName.IsValid(name, UnitNameForm.Instance) ? new[] { name, UnitName.Template(name) } : [name];
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in names)
        {
            foreach (var (directory, _) in Directories)
            {
                var dropInDirectory = TreePath.Combine(directory, unit + ".d");
                if (TreeLinks.ResolveDirectory(_tree, dropInDirectory, out _) is not { } node)
                {
                    continue;
                }

                foreach (var (fileName, _) in node.Children)
                {
                    if (!fileName.EndsWith(".conf", StringComparison.Ordinal) || !hidden.Add(fileName))
                    {
                        continue;
                    }

                    var path = TreePath.Combine(dropInDirectory, fileName);
                    if (TreeLinks.TryResolve(_tree, path, true, out _, out var file) && file is RegularFileNode { Length: > 0 } regular)
                    {
                        found.Add(fileName, (path, regular));
                    }
                }
            }
        }

        return [.. found.Values];
    }

    private string? Search(string name)
    {
        foreach (var candidate in UnitName.IsValid(name, UnitNameForm.Instance) ? new[] { name, UnitName.Template(name) } : [name])
        {
            foreach (var (directory, node) in Directories)
            {
                if (node.TryGetChild(candidate, out var child) && child is RegularFileNode or SymbolicLinkNode)
                {
                    return TreePath.Combine(directory, candidate);
                }
            }
        }

        return null;
    }
}
