using Basalt.Imaging.Tree;
using static Basalt.Imaging.Fat.FatLayout;

namespace Basalt.Imaging.Fat;

/// <summary>
/// Where everything goes: each tree path gets a contiguous run of clusters, allocated in depth-first order
/// (the root directory first, at cluster 2), and each directory its list of entries with short and long names.
/// </summary>
internal sealed class FatPlan
{
    private FatPlan(FatGeometry geometry)
    {
        Geometry = geometry;
    }

    public FatGeometry Geometry { get; }

    /// <summary>Every allocated path in cluster order (directories, then non-empty files).</summary>
    public List<Allocation> Allocations { get; } = [];

    public long UsedClusters { get; private set; }

    public sealed class Allocation(TreeEntry entry, uint firstCluster, long clusters)
    {
        public TreeEntry Entry { get; } = entry;

        public uint FirstCluster { get; } = firstCluster;

        public long Clusters { get; } = clusters;

        /// <summary>Directory children with their names (null for files).</summary>
        public List<Child>? Children { get; init; }
    }

    public sealed record Child(string Path, string Name, byte[] ShortName, bool NeedsLongName, FileNode Node)
    {
        public int EntryCount => 1 + (NeedsLongName ? FatDirectoryEntries.LongEntryCount(Name) : 0);
    }

    public static FatPlan Create(FileTree tree, FatGeometry geometry, bool hasLabel)
    {
        var plan = new FatPlan(geometry);
        var clusterBytes = geometry.ClusterBytes;
        var next = (long)RootCluster;
        foreach (var entry in tree.EnumerateDepthFirst())
        {
            long clusters;
            List<Child>? children = null;
            switch (entry.Node)
            {
                case DirectoryNode directory:
                    children = NameChildren(entry.Path, directory);
                    var entries = children.Sum(c => c.EntryCount) + (entry.Depth == 0 ? (hasLabel ? 1 : 0) : 2);
                    if (entries > MaxDirectoryEntries)
                    {
                        throw new IOException($"FAT: directory '{entry.Path}' needs {entries} entries; the limit is {MaxDirectoryEntries}.");
                    }

                    clusters = Math.Max(1, ((entries * (long)DirectoryEntrySize) + clusterBytes - 1) / clusterBytes);
                    break;
                case RegularFileNode file:
                    if (file.Length > MaxFileSize)
                    {
                        throw new IOException($"FAT: file '{entry.Path}' is {file.Length} bytes; FAT32 files are at most {MaxFileSize} bytes.");
                    }

                    clusters = (file.Length + clusterBytes - 1) / clusterBytes;
                    break;
                default:
                    throw new NotSupportedException($"FAT cannot store '{entry.Path}': it is a {entry.Node.Kind}; only directories and regular files are allowed.");
            }

            if (clusters == 0)
            {
                plan.Allocations.Add(new Allocation(entry, 0, 0));
                continue;
            }

            plan.Allocations.Add(new Allocation(entry, (uint)next, clusters) { Children = children });
            next += clusters;
        }

        plan.UsedClusters = next - RootCluster;
        if (plan.UsedClusters > geometry.ClusterCount)
        {
            throw new IOException(
                $"FAT: the tree needs {plan.UsedClusters} clusters of {clusterBytes} bytes ({plan.UsedClusters * clusterBytes} bytes) but the volume has {geometry.ClusterCount}; use a larger size.");
        }

        return plan;
    }

    /// <summary>Short names: exact 8.3 names are reserved first so generated "~N" names never take them.</summary>
    private static List<Child> NameChildren(string directoryPath, DirectoryNode directory)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in directory.Children)
        {
            Validate(directoryPath, name);
            var folded = name.ToUpperInvariant();
            if (!seen.TryAdd(folded, name))
            {
                throw new IOException($"FAT: '{directoryPath}' holds '{seen[folded]}' and '{name}', which differ only in case; FAT names are case-insensitive.");
            }

            if (FatShortName.IsExactShortName(name))
            {
                taken.Add(name);
            }
        }

        var children = new List<Child>();
        foreach (var (name, node) in directory.Children)
        {
            var path = TreePathCombine(directoryPath, name);
            children.Add(FatShortName.IsExactShortName(name)
                ? new Child(path, name, FatShortName.ToEntryBytes(name), false, node)
                : new Child(path, name, FatShortName.Generate(name, taken), true, node));
        }

        return children;
    }

    private static void Validate(string directoryPath, string name)
    {
        const string invalid = "\"*/:<>?\\|";
        if (name.Length > MaxLongName || name.EndsWith('.') || name.EndsWith(' ')
            || name.Any(c => c < 0x20 || invalid.Contains(c, StringComparison.Ordinal)))
        {
            throw new IOException(
                $"FAT cannot store the name '{name}' in '{directoryPath}': at most {MaxLongName} UTF-16 characters, none of {invalid} or control characters, not ending in '.' or ' '.");
        }
    }

    private static string TreePathCombine(string directory, string name) => directory == "/" ? "/" + name : directory + "/" + name;
}
