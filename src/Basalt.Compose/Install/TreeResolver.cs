using Basalt.Imaging.Tree;

namespace Basalt.Compose.Install;

/// <summary>
/// Finds the directory a package path goes into, as the kernel would inside the image: a directory component that is a
/// symbolic link in the tree is followed (usr-merge: "/bin" → "usr/bin"), always within the tree (an absolute target starts
/// at the tree's root, ".." stops at it), and missing directories are created 0755 root:root like rpm's fsm does.
/// The last component is never followed.
/// </summary>
internal sealed class TreeResolver
{
    /// <summary>Linux's MAXSYMLINKS: more hops than this is a loop (ELOOP).</summary>
    private const int MaxSymbolicLinkHops = 40;

    private readonly FileTree _tree;
    private readonly FileTimestamp _implicitTime;

    public TreeResolver(FileTree tree, FileTimestamp implicitTime)
    {
        _tree = tree;
        _implicitTime = implicitTime;
    }

    /// <summary>
    /// The parent directory of <paramref name="path"/>, its canonical path (no symbolic links) and the last name.
    /// <paramref name="followed"/> receives each symbolic link that was followed.
    /// </summary>
    /// <exception cref="IOException">A component is a non-directory, a link loops, or a link leads to a non-directory.</exception>
    public (DirectoryNode Parent, string ParentPath, string Name) ResolveParent(string path, Action<string, string>? followed = null)
    {
        var parts = TreePath.Split(path);
        if (parts.Length == 0)
        {
            throw new IOException($"Path '{path}' names the root directory.");
        }

        var chain = new List<(DirectoryNode Node, string Name)> { (_tree.Root, "") };
        var pending = new Stack<string>();
        for (var i = parts.Length - 2; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }

        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (chain.Count > 1)
                {
                    chain.RemoveAt(chain.Count - 1);
                }

                continue;
            }

            var current = chain[^1].Node;
            var walked = TreePath.Combine(CanonicalPath(chain), part);
            if (!current.TryGetChild(part, out var child))
            {
                TreePath.ValidateName(part, path);
                var created = _tree.Add(walked, new DirectoryNode(0x1ED /* 0755 */) { ModificationTime = _implicitTime });
                chain.Add((created, part));
                continue;
            }

            switch (child)
            {
                case DirectoryNode directory:
                    chain.Add((directory, part));
                    break;
                case SymbolicLinkNode link:
                    if (++hops > MaxSymbolicLinkHops)
                    {
                        throw new IOException($"Path '{path}': too many levels of symbolic links at '{walked}'.");
                    }

                    followed?.Invoke(walked, link.Target);
                    var target = link.Target.Split('/');
                    for (var i = target.Length - 1; i >= 0; i--)
                    {
                        pending.Push(target[i]);
                    }

                    if (link.Target.StartsWith('/'))
                    {
                        chain.RemoveRange(1, chain.Count - 1);
                    }

                    break;
                default:
                    throw new IOException($"Path '{path}': '{walked}' is a {child.Kind}, not a directory.");
            }
        }

        return (chain[^1].Node, CanonicalPath(chain), parts[^1]);
    }

    /// <summary>Whether <paramref name="link"/>, at <paramref name="linkParentPath"/>, leads to a directory of the tree.</summary>
    public bool PointsToDirectory(string linkParentPath, SymbolicLinkNode link)
    {
        var start = link.Target.StartsWith('/') ? link.Target : linkParentPath + "/" + link.Target;
        return IsDirectory(start);
    }

    /// <summary>Follows every component of <paramref name="path"/>, the last one included, without creating anything.</summary>
    private bool IsDirectory(string path)
    {
        FileNode current = _tree.Root;
        var stack = new List<FileNode> { _tree.Root };
        var hops = 0;
        var pending = new Stack<string>(path.Split('/').Reverse());
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (stack.Count > 1)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                current = stack[^1];
                continue;
            }

            if (current is not DirectoryNode directory || !directory.TryGetChild(part, out var child))
            {
                return false;
            }

            if (child is SymbolicLinkNode link)
            {
                if (++hops > MaxSymbolicLinkHops)
                {
                    return false;
                }

                foreach (var t in link.Target.Split('/').Reverse())
                {
                    pending.Push(t);
                }

                if (link.Target.StartsWith('/'))
                {
                    stack.RemoveRange(1, stack.Count - 1);
                }

                current = stack[^1];
                continue;
            }

            stack.Add(child);
            current = child;
        }

        return current is DirectoryNode;
    }

    private static string CanonicalPath(List<(DirectoryNode Node, string Name)> chain)
    {
        if (chain.Count == 1)
        {
            return "/";
        }

        return "/" + string.Join('/', chain.Skip(1).Select(c => c.Name));
    }
}
