using Basalt.Imaging.Tree;

namespace Basalt.Compose.Libraries;

/// <summary>
/// Path resolution inside a <see cref="FileTree"/> as the kernel would do it with the tree as root
/// (chroot semantics): symbolic links are followed, ".." never leaves the root. Shared by the ld.so.cache
/// builder and systemd enablement, which both look at an image the way tools run with <c>--root</c> do.
/// </summary>
internal static class TreeLinks
{
    /// <summary>Linux's limit on symbolic links followed while resolving one path (MAXSYMLINKS).</summary>
    private const int MaxHops = 40;

    /// <summary>
    /// Resolves <paramref name="path"/> (absolute in the tree) following every symbolic link, the last one
    /// included when <paramref name="followLast"/>. Returns the canonical path and the node, or the canonical
    /// path and null when only the last component is missing; false when an earlier component is missing,
    /// is not a directory, or links loop.
    /// </summary>
    public static bool TryResolve(FileTree tree, string path, bool followLast, out string canonical, out FileNode? node)
        => TryResolve(tree, path, followLast, visit: null, out canonical, out node);

    /// <summary>
    /// Resolves <paramref name="path"/> following every link (the last one too), calling <paramref name="visit"/> with
    /// each directory, link and the final node in the order met (an initrd copies them all so the path resolves there
    /// too). Returns the canonical path of the final node, or null when any component is missing, a file is used as a
    /// directory, or links loop.
    /// </summary>
    public static string? Resolve(FileTree tree, string path, Action<string, FileNode>? visit, out FileNode? node)
    {
        if (TryResolve(tree, path, followLast: true, visit, out var canonical, out node) && node is not null)
        {
            return canonical;
        }

        node = null;
        return null;
    }

    private static bool TryResolve(FileTree tree, string path, bool followLast, Action<string, FileNode>? visit, out string canonical, out FileNode? node)
    {
        canonical = "/";
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

            if (current is not DirectoryNode directory)
            {
                return false;
            }

            if (!directory.TryGetChild(part, out var child))
            {
                if (pending.Count > 0)
                {
                    return false;
                }

                canonical = Join(stack.Select(s => s.Name).Append(part));
                return true;
            }

            visit?.Invoke(Join(stack.Select(s => s.Name).Append(part)), child);
            if (child is SymbolicLinkNode link && (pending.Count > 0 || followLast))
            {
                if (++hops > MaxHops)
                {
                    return false;
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

                continue;
            }

            if (child is DirectoryNode childDirectory)
            {
                stack.Add((part, childDirectory));
                current = childDirectory;
                continue;
            }

            if (pending.Count > 0)
            {
                return false; // a file used as a directory
            }

            canonical = Join(stack.Select(s => s.Name).Append(part));
            node = child;
            return true;
        }

        canonical = Join(stack.Select(s => s.Name));
        node = current;
        return true;
    }

    /// <summary>The directory at <paramref name="path"/> after following links, or null.</summary>
    public static DirectoryNode? ResolveDirectory(FileTree tree, string path, out string canonical)
        => TryResolve(tree, path, followLast: true, out canonical, out var node) ? node as DirectoryNode : null;

    /// <summary>An absolute, lexically normalised form of a link target read at <paramref name="linkPath"/> (".." kept out of the root).</summary>
    public static string AbsoluteTarget(string linkPath, string target)
    {
        var parts = new List<string>();
        if (!target.StartsWith('/'))
        {
            parts.AddRange(Components(linkPath).SkipLast(1));
        }

        foreach (var part in Components(target))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else
            {
                parts.Add(part);
            }
        }

        return Join(parts);
    }

    /// <summary>The parent directory of a normalised path.</summary>
    public static string Parent(string path)
    {
        var index = path.LastIndexOf('/');
        return index <= 0 ? "/" : path[..index];
    }

    /// <summary>The last component of a path.</summary>
    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static IEnumerable<string> Components(string path)
        => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");

    private static string Join(IEnumerable<string> parts) => "/" + string.Join('/', parts);
}
