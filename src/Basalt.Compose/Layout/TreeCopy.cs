using Basalt.Imaging.Tree;

namespace Basalt.Compose.Layout;

/// <summary>
/// Copies subtrees between (or within) <see cref="FileTree"/>s. Copies are new inodes (a node belongs to one tree:
/// its link count is the number of paths naming it there) sharing the file content; hard links inside the copied
/// subtree stay hard links. Every modification time is clamped to the build time (SOURCE_DATE_EPOCH).
/// </summary>
internal static class TreeCopy
{
    /// <summary>A new tree holding a copy of <paramref name="sourcePath"/> of <paramref name="source"/> as its root.</summary>
    public static FileTree Extract(FileTree source, string sourcePath, FileTimestamp clamp)
    {
        var tree = new FileTree { DefaultTimestamp = clamp };
        CopyInto(source, sourcePath, tree, "/", clamp);
        return tree;
    }

    /// <summary>
    /// Copies the node at <paramref name="sourcePath"/> (recursively) to <paramref name="destinationPath"/>. Existing
    /// directories at the destination are merged into (the source wins on every conflicting path).
    /// </summary>
    public static void CopyInto(FileTree source, string sourcePath, FileTree destination, string destinationPath, FileTimestamp clamp)
    {
        var node = source.Get(sourcePath);
        var links = new Dictionary<FileNode, FileNode>(ReferenceEqualityComparer.Instance);
        var target = TreePath.Normalize(destinationPath);
        if (target == "/")
        {
            if (node is not DirectoryNode directory)
            {
                throw new ArgumentException($"Only a directory can be copied to the root; '{sourcePath}' is a {node.Kind}.", nameof(sourcePath));
            }

            CopyMetadata(directory, destination.Root, clamp);
            CopyChildren(directory, destination, "/", clamp, links);
            return;
        }

        CopyNode(node, destination, target, clamp, links);
    }

    private static void CopyNode(FileNode node, FileTree destination, string path, FileTimestamp clamp, Dictionary<FileNode, FileNode> links)
    {
        if (node is DirectoryNode directory)
        {
            if (!destination.TryGet(path, out var existing) || existing is not DirectoryNode target)
            {
                target = destination.AddOrReplace(path, new DirectoryNode(directory.Mode));
            }

            CopyMetadata(directory, target, clamp);
            CopyChildren(directory, destination, path, clamp, links);
            return;
        }

        if (!links.TryGetValue(node, out var copy))
        {
            copy = Clone(node);
            CopyMetadata(node, copy, clamp);
            links.Add(node, copy);
        }

        destination.AddOrReplace(path, copy);
    }

    private static void CopyChildren(DirectoryNode directory, FileTree destination, string path, FileTimestamp clamp, Dictionary<FileNode, FileNode> links)
    {
        foreach (var (name, child) in directory.Children)
        {
            CopyNode(child, destination, TreePath.Combine(path, name), clamp, links);
        }
    }

    private static FileNode Clone(FileNode node) => node switch
    {
        RegularFileNode file => new RegularFileNode(file.Content, file.Mode),
        SymbolicLinkNode link => new SymbolicLinkNode(link.Target, link.Mode),
        DeviceNode device => new DeviceNode(device.Kind, device.Major, device.Minor, device.Mode),
        SpecialFileNode special => new SpecialFileNode(special.Kind, special.Mode),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.Kind, "Unknown file node type."),
    };

    private static void CopyMetadata(FileNode from, FileNode to, FileTimestamp clamp)
    {
        to.CopyMetadataFrom(from);
        if (to.ModificationTime > clamp)
        {
            to.ModificationTime = clamp;
        }
    }
}
