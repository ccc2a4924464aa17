using Basalt.Imaging.Tree;

namespace Basalt.Compose.Install;

/// <summary>
/// The owner and group names rpm's header gives each installed node. Names are kept, not resolved, because the image's
/// accounts are final only after sysusers.d and user()/group() provides are applied; <see cref="Apply"/> resolves them then.
/// </summary>
public sealed class FileOwnerTable
{
    // Insertion order is install order, so Apply's warnings come out in a stable order.
    private readonly Dictionary<FileNode, (string User, string Group)> _owners = new(ReferenceEqualityComparer.Instance);
    private readonly List<FileNode> _order = [];

    /// <summary>The number of recorded nodes.</summary>
    public int Count => _owners.Count;

    /// <summary>Records (or, for a node a later package lays down again, replaces) the names for <paramref name="node"/>.</summary>
    public void Record(FileNode node, string user, string group)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(group);
        if (!_owners.ContainsKey(node))
        {
            _order.Add(node);
        }

        _owners[node] = (user, group);
    }

    /// <summary>The names recorded for <paramref name="node"/>.</summary>
    public bool TryGetOwner(FileNode node, out string user, out string group)
    {
        if (_owners.TryGetValue(node, out var owner))
        {
            (user, group) = owner;
            return true;
        }

        user = group = "";
        return false;
    }

    /// <summary>
    /// Sets Uid and Gid on every recorded node. A name the lookup does not know becomes 0, as rpm does, with rpm's warning
    /// ("user X does not exist - using root", "group X does not exist - using root"), returned once per distinct name.
    /// </summary>
    public IReadOnlyList<string> Apply(Func<string, uint?> uidOf, Func<string, uint?> gidOf)
    {
        ArgumentNullException.ThrowIfNull(uidOf);
        ArgumentNullException.ThrowIfNull(gidOf);
        var warnings = new List<string>();
        var warned = new HashSet<string>(StringComparer.Ordinal);
        var uids = new Dictionary<string, uint?>(StringComparer.Ordinal);
        var gids = new Dictionary<string, uint?>(StringComparer.Ordinal);
        foreach (var node in _order)
        {
            var (user, group) = _owners[node];
            node.Uid = Resolve(user, "user", uids, uidOf, warnings, warned);
            node.Gid = Resolve(group, "group", gids, gidOf, warnings, warned);
        }

        return warnings;
    }

    private static uint Resolve(string name, string kind, Dictionary<string, uint?> cache, Func<string, uint?> lookup,
        List<string> warnings, HashSet<string> warned)
    {
        // rpm treats "root" as 0 without a lookup, so an image without /etc/passwd entries still gets root-owned files.
        if (name == "root")
        {
            return 0;
        }

        if (!cache.TryGetValue(name, out var id))
        {
            id = lookup(name);
            cache.Add(name, id);
        }

        if (id is { } found)
        {
            return found;
        }

        if (warned.Add(kind + ":" + name))
        {
            warnings.Add($"{kind} {name} does not exist - using root");
        }

        return 0;
    }
}
