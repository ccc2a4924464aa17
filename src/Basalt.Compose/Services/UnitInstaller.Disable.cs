using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Services;

internal sealed partial class UnitInstaller
{
    /// <summary>
    /// Disables <paramref name="names"/> (and the units their Also= lists): marks each name (an alias is marked
    /// with the unit it resolves to; a masked unit is left alone), then removes every symlink below
    /// /etc/systemd/system whose name, template name, or final target's name is marked, or which points at a
    /// removed link; parents left empty are removed up to /etc/systemd/system (systemd's remove_marked_symlinks).
    /// Returns the removed link paths.
    /// </summary>
    public List<string> Disable(IEnumerable<string> names)
    {
        var marked = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(names);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!seen.Add(name))
            {
                continue;
            }

            var unit = _lookup.Find(name, followConfigLinks: true);
            if (unit.Status == UnitLookupStatus.Masked)
            {
                continue;
            }

            marked.Add(name);
            if (unit.Status == UnitLookupStatus.Regular)
            {
                marked.Add(unit.Name);
                foreach (var also in unit.Install!.Also)
                {
                    if (UnitName.ExpandSpecifiers(also, unit.Name) is { } expanded && UnitName.IsValid(expanded))
                    {
                        queue.Enqueue(expanded);
                    }
                }
            }
        }

        var removed = new List<string>();
        if (marked.Count == 0 || tree.TryGet(UnitLookup.ConfigDirectory, out var config) is false || config is not DirectoryNode)
        {
            return removed;
        }

        bool again;
        do
        {
            again = false;
            foreach (var path in SymlinksBelow(UnitLookup.ConfigDirectory))
            {
                var name = TreeLinks.FileName(path);
                if (!UnitName.IsValid(name) || !IsMarked(path, name, marked))
                {
                    continue;
                }

                tree.Remove(path);
                RemoveEmptyParents(path);
                removed.Add(path);
                again |= marked.Add(path); // links to this link go too
            }
        }
        while (again);

        return removed;
    }

    private bool IsMarked(string path, string name, HashSet<string> marked)
    {
        if (marked.Contains(name) || (UnitName.IsValid(name, UnitNameForm.Instance) && marked.Contains(UnitName.Template(name))))
        {
            return true;
        }

        if (!TreeLinks.TryResolve(tree, path, followLast: true, out var destination, out _))
        {
            return false;
        }

        return marked.Contains(destination) || marked.Contains(TreeLinks.FileName(destination));
    }

    private List<string> SymlinksBelow(string directory)
    {
        var result = new List<string>();
        if (tree.TryGet(directory, out var node) && node is DirectoryNode start)
        {
            Walk(directory, start, result);
        }

        return result;
    }

    private static void Walk(string path, DirectoryNode directory, List<string> result)
    {
        foreach (var (name, child) in directory.Children)
        {
            var childPath = TreePath.Combine(path, name);
            if (child is SymbolicLinkNode)
            {
                result.Add(childPath);
            }
            else if (child is DirectoryNode subdirectory)
            {
                Walk(childPath, subdirectory, result);
            }
        }
    }

    private void RemoveEmptyParents(string path)
    {
        for (var parent = TreeLinks.Parent(path);
             parent.StartsWith(UnitLookup.ConfigDirectory + "/", StringComparison.Ordinal)
             && tree.TryGet(parent, out var node) && node is DirectoryNode { Count: 0 };
             parent = TreeLinks.Parent(parent))
        {
            tree.Remove(parent);
        }
    }
}
