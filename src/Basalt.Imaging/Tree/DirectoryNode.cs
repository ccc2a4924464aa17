namespace Basalt.Imaging.Tree;

/// <summary>
/// A directory: named children, listed in <see cref="FileNameComparer"/> order. Children are changed
/// through <see cref="FileTree"/>, which keeps link counts right; this type only exposes reads.
/// </summary>
public sealed class DirectoryNode : FileNode
{
    private readonly Dictionary<string, FileNode> _children = new(StringComparer.Ordinal);
    private KeyValuePair<string, FileNode>[]? _sorted;
    private int _subdirectoryCount;

    public DirectoryNode(int mode = 0x1ED /* 0755 */)
        : base(mode)
    {
    }

    public override FileNodeKind Kind => FileNodeKind.Directory;

    /// <summary>2 (the entry in the parent and ".") plus one ".." per subdirectory.</summary>
    public override int LinkCount => 2 + _subdirectoryCount;

    /// <summary>The number of entries, not counting "." and "..".</summary>
    public int Count => _children.Count;

    /// <summary>The entries sorted by name in UTF-8 byte order.</summary>
    public IReadOnlyList<KeyValuePair<string, FileNode>> Children
    {
        get
        {
            if (_sorted is null)
            {
                var sorted = _children.ToArray();
                Array.Sort(sorted, static (a, b) => FileNameComparer.Instance.Compare(a.Key, b.Key));
                _sorted = sorted;
            }

            return _sorted;
        }
    }

    public bool TryGetChild(string name, out FileNode child)
    {
        if (_children.TryGetValue(name, out var found))
        {
            child = found;
            return true;
        }

        child = null!;
        return false;
    }

    internal void AddChild(string name, FileNode node)
    {
        _children.Add(name, node);
        _sorted = null;
        if (node is DirectoryNode)
        {
            _subdirectoryCount++;
        }
    }

    internal void RemoveChild(string name, FileNode node)
    {
        _children.Remove(name);
        _sorted = null;
        if (node is DirectoryNode)
        {
            _subdirectoryCount--;
        }
    }
}
