using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Boot.Initrd;

/// <summary>
/// Path resolution in an image tree that reports every node it passes: each directory entered and each symbolic
/// link followed, under the path it was met at (path_resolution(7), with the tree as root: ".." stops at "/").
/// The initrd needs exactly those entries for the same path to resolve there ("/lib64" → "usr/lib64", then
/// "/usr/lib64/ld-linux-x86-64.so.2"); <see cref="TreeLinks"/> answers only where a path ends.
/// </summary>
internal static class TreeWalk
{
    /// <summary>Linux's limit on symbolic links followed while resolving one path (MAXSYMLINKS).</summary>
    private const int MaxHops = 40;

    /// <summary>
    /// Resolves <paramref name="path"/>, following every link (the last one too), calling <paramref name="visit"/>
    /// with each directory, link and the final node in the order met. Returns the canonical path of the final
    /// node, or null when a component is missing, is not a directory, or links loop.
    /// </summary>
    public static string? Resolve(FileTree tree, string path, Action<string, FileNode>? visit, out FileNode? node)
    {
        node = null;
        var pending = new Stack<string>(Components(path).Reverse());
        var stack = new List<(string Name, DirectoryNode Directory)>();
        FileNode current = tree.Root;
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == "..")
            {
                if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                current = stack.Count > 0 ? stack[^1].Directory : tree.Root;
                continue;
            }

            if (current is not DirectoryNode directory || !directory.TryGetChild(part, out var child))
            {
                return null;
            }

            var childPath = Join(stack.Select(s => s.Name).Append(part));
            visit?.Invoke(childPath, child);
            switch (child)
            {
                case SymbolicLinkNode link:
                    if (++hops > MaxHops)
                    {
                        return null;
                    }

                    foreach (var targetPart in Components(link.Target).Reverse())
                    {
                        pending.Push(targetPart);
                    }

                    if (link.Target.StartsWith('/'))
                    {
                        stack.Clear();
                        current = tree.Root;
                    }

                    break;
                case DirectoryNode childDirectory:
                    stack.Add((part, childDirectory));
                    current = childDirectory;
                    break;
                default:
                    if (pending.Count > 0)
                    {
                        return null; // a file used as a directory
                    }

                    node = child;
                    return childPath;
            }
        }

        node = current;
        return Join(stack.Select(s => s.Name));
    }

    private static IEnumerable<string> Components(string path)
        => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");

    private static string Join(IEnumerable<string> parts) => "/" + string.Join('/', parts);
}
