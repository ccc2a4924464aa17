namespace Basalt.Imaging.Tree;

/// <summary>
/// An in-memory file system tree: what image builders fill (from RPM payloads, configuration) and
/// filesystem writers (EROFS, FAT, tar) read. Paths are normalised ("/usr/bin/x"); children are kept in
/// <see cref="FileNameComparer"/> order, so every walk — and every image written from it — is independent
/// of insertion order. A node added at a second path is a hard link. Symbolic links are never followed.
/// </summary>
public sealed class FileTree
{
    public FileTree()
    {
        Root = new DirectoryNode { PathCount = 1 };
    }

    /// <summary>The root directory ("/").</summary>
    public DirectoryNode Root { get; }

    /// <summary>Modification time given to directories created implicitly as parents.</summary>
    public FileTimestamp DefaultTimestamp { get; set; }

    /// <summary>Adds <paramref name="node"/> at <paramref name="path"/>, creating missing parent directories.
    /// Adding a non-directory node that is already in the tree makes a hard link.</summary>
    /// <exception cref="IOException">The path already exists or a parent is not a directory.</exception>
    public T Add<T>(string path, T node)
        where T : FileNode
    {
        ArgumentNullException.ThrowIfNull(node);
        var (parent, name) = ResolveParent(path, createParents: true);
        if (parent.TryGetChild(name, out _))
        {
            throw new IOException($"Path '{TreePath.Normalize(path)}' already exists in the tree.");
        }

        Link(parent, name, node, path);
        return node;
    }

    /// <summary>Adds <paramref name="node"/>, first removing whatever is at <paramref name="path"/> (recursively).</summary>
    public T AddOrReplace<T>(string path, T node)
        where T : FileNode
    {
        ArgumentNullException.ThrowIfNull(node);
        var (parent, name) = ResolveParent(path, createParents: true);
        if (parent.TryGetChild(name, out var existing))
        {
            Unlink(parent, name, existing);
        }

        Link(parent, name, node, path);
        return node;
    }

    /// <summary>Adds a regular file with in-memory content.</summary>
    public RegularFileNode AddFile(string path, byte[] content, int mode = 0x1A4 /* 0644 */)
        => Add(path, new RegularFileNode(content, mode) { ModificationTime = DefaultTimestamp });

    /// <summary>Adds a symbolic link.</summary>
    public SymbolicLinkNode AddSymbolicLink(string path, string target)
        => Add(path, new SymbolicLinkNode(target) { ModificationTime = DefaultTimestamp });

    /// <summary>Adds a directory (parents created as needed); fails when the path exists.</summary>
    public DirectoryNode AddDirectory(string path, int mode = 0x1ED /* 0755 */)
        => Add(path, new DirectoryNode(mode) { ModificationTime = DefaultTimestamp });

    /// <summary>Adds another path for the node at <paramref name="existingPath"/> (a hard link).</summary>
    public FileNode AddHardLink(string path, string existingPath)
    {
        var target = Get(existingPath);
        return Add(path, target);
    }

    /// <summary>Returns the directory at <paramref name="path"/>, creating it and its parents like <c>mkdir -p</c>.</summary>
    public DirectoryNode CreateDirectory(string path)
    {
        var directory = Root;
        var walked = "/";
        foreach (var part in TreePath.Split(path))
        {
            walked = TreePath.Combine(walked, part);
            directory = ChildDirectory(directory, part, walked, create: true);
        }

        return directory;
    }

    /// <summary>The node at <paramref name="path"/>.</summary>
    /// <exception cref="KeyNotFoundException">Nothing is at that path.</exception>
    public FileNode Get(string path)
        => TryGet(path, out var node) ? node : throw new KeyNotFoundException($"Path '{TreePath.Normalize(path)}' is not in the tree.");

    public bool TryGet(string path, out FileNode node)
    {
        FileNode current = Root;
        foreach (var part in TreePath.Split(path))
        {
            if (current is not DirectoryNode directory || !directory.TryGetChild(part, out current))
            {
                node = null!;
                return false;
            }
        }

        node = current;
        return true;
    }

    public bool Contains(string path) => TryGet(path, out _);

    /// <summary>Removes the path (a directory with everything below it). Returns false when it was absent.</summary>
    public bool Remove(string path)
    {
        var parts = TreePath.Split(path);
        if (parts.Length == 0)
        {
            throw new ArgumentException("The root directory cannot be removed.", nameof(path));
        }

        if (!TryGet("/" + string.Join('/', parts[..^1]), out var parentNode) || parentNode is not DirectoryNode parent
            || !parent.TryGetChild(parts[^1], out var node))
        {
            return false;
        }

        Unlink(parent, parts[^1], node);
        return true;
    }

    /// <summary>Every path, depth first (pre-order: a directory before its children), children in name order.</summary>
    public IEnumerable<TreeEntry> EnumerateDepthFirst()
    {
        var stack = new Stack<TreeEntry>();
        stack.Push(new TreeEntry("/", "", Root, null, 0));
        while (stack.Count > 0)
        {
            var entry = stack.Pop();
            yield return entry;
            if (entry.Node is DirectoryNode directory)
            {
                var children = directory.Children;
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    var (name, child) = children[i];
                    stack.Push(new TreeEntry(TreePath.Combine(entry.Path, name), name, child, directory, entry.Depth + 1));
                }
            }
        }
    }

    private (DirectoryNode Parent, string Name) ResolveParent(string path, bool createParents)
    {
        var parts = TreePath.Split(path);
        if (parts.Length == 0)
        {
            throw new ArgumentException("The root directory already exists; change its metadata through Root.", nameof(path));
        }

        var directory = Root;
        var walked = "/";
        for (var i = 0; i < parts.Length - 1; i++)
        {
            walked = TreePath.Combine(walked, parts[i]);
            directory = ChildDirectory(directory, parts[i], walked, createParents);
        }

        return (directory, parts[^1]);
    }

    private DirectoryNode ChildDirectory(DirectoryNode directory, string name, string walked, bool create)
    {
        if (directory.TryGetChild(name, out var child))
        {
            return child as DirectoryNode
                ?? throw new IOException($"Path '{walked}' is a {child.Kind}, not a directory.");
        }

        if (!create)
        {
            throw new IOException($"Directory '{walked}' does not exist.");
        }

        var created = new DirectoryNode { ModificationTime = DefaultTimestamp };
        Link(directory, name, created, walked);
        return created;
    }

    private static void Link(DirectoryNode parent, string name, FileNode node, string path)
    {
        if (node.PathCount > 0 && node is DirectoryNode)
        {
            throw new IOException($"Directory cannot be linked a second time at '{TreePath.Normalize(path)}'.");
        }

        parent.AddChild(name, node);
        node.PathCount++;
    }

    private static void Unlink(DirectoryNode parent, string name, FileNode node)
    {
        if (node is DirectoryNode directory)
        {
            foreach (var (childName, child) in directory.Children.ToArray())
            {
                Unlink(directory, childName, child);
            }
        }

        parent.RemoveChild(name, node);
        node.PathCount--;
    }
}
