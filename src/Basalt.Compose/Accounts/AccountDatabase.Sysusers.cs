using Basalt.Imaging.Tree;

namespace Basalt.Compose.Accounts;

public sealed partial class AccountDatabase
{
    /// <summary>sysusers.d(5) search path, highest priority first: a file in an earlier folder replaces one of the same name later.</summary>
    private static readonly string[] SysusersFolders = ["/etc/sysusers.d", "/run/sysusers.d", "/usr/local/lib/sysusers.d", "/usr/lib/sysusers.d"];

    private const int MaxSymbolicLinks = 8;

    /// <summary>
    /// Applies every sysusers.d(5) file in the tree as <c>systemd-sysusers --root</c> would: files ordered by name
    /// (a file in /etc replaces the same name in /usr/lib; a symbolic link to /dev/null masks it), all lines in one run.
    /// "u NAME /path" takes the id from the owner of that path in the tree. Returns one note per account created.
    /// </summary>
    public IReadOnlyList<string> ApplySysusers(FileTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in SysusersFolders)
        {
            if (!tree.TryGet(folder, out var node) || node is not DirectoryNode directory)
            {
                continue;
            }

            foreach (var (name, _) in directory.Children)
            {
                if (name.EndsWith(".conf", StringComparison.Ordinal))
                {
                    files.TryAdd(name, TreePath.Combine(folder, name));
                }
            }
        }

        var items = new List<SysusersItem>();
        foreach (var path in files.Values)
        {
            if (Resolve(tree, path) is { } file)
            {
                items.AddRange(SysusersParser.ParseFile(System.Text.Encoding.UTF8.GetString(file.Content.ReadAllBytes()), path));
            }
        }

        _systemRange = LoginDefs.SystemRange(tree);
        return new SysusersRun(this, tree, _systemRange, items).Apply();
    }

    /// <summary>The regular file a sysusers.d entry names (following symbolic links inside the tree), or null when it is masked.</summary>
    private static RegularFileNode? Resolve(FileTree tree, string path)
    {
        for (var i = 0; i <= MaxSymbolicLinks; i++)
        {
            var node = tree.Get(path);
            switch (node)
            {
                case RegularFileNode file:
                    return file;
                case SymbolicLinkNode link when link.Target == "/dev/null":
                    return null;
                case SymbolicLinkNode link:
                    var parent = path[..path.LastIndexOf('/')];
                    path = link.Target.StartsWith('/') ? link.Target : (parent.Length == 0 ? "/" : parent + "/") + link.Target;
                    if (!tree.Contains(path))
                    {
                        throw new InvalidDataException($"'{path}' (a sysusers.d link target) is not in the tree.");
                    }

                    break;
                default:
                    throw new InvalidDataException($"'{path}' is a {node.Kind}, not a sysusers.d file.");
            }
        }

        throw new InvalidDataException($"'{path}': more than {MaxSymbolicLinks} symbolic links to follow.");
    }
}
