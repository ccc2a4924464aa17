namespace Basalt.Imaging.Tree;

/// <summary>One path of a tree as <see cref="FileTree.EnumerateDepthFirst"/> yields it.</summary>
/// <param name="Path">The normalised path ("/" for the root).</param>
/// <param name="Name">The last component ("" for the root).</param>
/// <param name="Node">The inode; hard links yield the same node under several paths.</param>
/// <param name="Parent">The containing directory (null for the root).</param>
/// <param name="Depth">0 for the root, 1 for its children, and so on.</param>
public readonly record struct TreeEntry(string Path, string Name, FileNode Node, DirectoryNode? Parent, int Depth);
