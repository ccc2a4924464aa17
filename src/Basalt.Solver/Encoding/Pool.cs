using Basalt.Packaging;
using Basalt.Packaging.Model;
using Basalt.Packaging.Rich;

namespace Basalt.Solver.Encoding;

/// <summary>
/// The candidates after pruning, numbered 0..n-1 in a fixed order (installed first, then by NEVRA and repository),
/// with an index of what each one provides: its Provides, its implied "name = evr" and its files.
/// </summary>
internal sealed partial class Pool
{
    private readonly Dictionary<string, List<int>> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Dependency, int[]> _whatProvides = [];
    private readonly Dictionary<string, int> _archRank = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RichDependency?> _rich = new(StringComparer.Ordinal);
    private readonly List<int> _scratch = [];   // WhatProvides' working list; the cached answer is a copy

    public Pool(IReadOnlyList<PackageCandidate> packages, int installedCount, IReadOnlyList<string> architectures)
    {
        Packages = packages;
        InstalledCount = installedCount;
        Evrs = [.. packages.Select(p => p.Evr)];
        SelfProvides = [.. packages.Select((p, i) => new Dependency(p.Name, DependencyFlags.Equal, Evrs[i].ToString()))];
        for (int i = 0; i < architectures.Count; i++)
        {
            _archRank.TryAdd(architectures[i], i);
        }

        for (int p = 0; p < packages.Count; p++)
        {
            var package = packages[p];
            Add(_byName, package.Name, p);
            foreach (var file in package.Files)
            {
                Add(_files, file, p);
            }
        }

        IndexProvides();
    }

    /// <summary>
    /// Each package's position in the input (installed packages first, then the available ones, as given): libsolv
    /// numbers solvables in that order, and the order in which it visits requirements follows those numbers.
    /// </summary>
    public int[] InputRank { get; private set; } = [];

    /// <summary>Records <see cref="InputRank"/> from the packages as they were given.</summary>
    public void SetInputOrder(IReadOnlyList<PackageCandidate> input)
    {
        var rank = new Dictionary<PackageCandidate, int>(input.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < input.Count; i++)
        {
            rank.TryAdd(input[i], i);
        }

        InputRank = [.. Packages.Select(p => rank.TryGetValue(p, out int r) ? r : int.MaxValue)];
    }

    /// <summary>Every candidate; indices below <see cref="InstalledCount"/> are the installed set.</summary>
    public IReadOnlyList<PackageCandidate> Packages { get; }

    /// <summary>Each package's EVR, parsed once.</summary>
    public Evr[] Evrs { get; }

    /// <summary>Each package's implied "name = evr" provide.</summary>
    public Dependency[] SelfProvides { get; }

    /// <summary>The parsed rich dependency, or null when <paramref name="dependency"/> is simple or malformed (parsed once per text).</summary>
    public RichDependency? Rich(Dependency dependency)
    {
        if (!dependency.IsRich)
        {
            return null;
        }

        if (!_rich.TryGetValue(dependency.Name, out var rich))
        {
            rich = RichDependency.TryParse(dependency.Name, out var parsed) ? parsed : null;
            _rich[dependency.Name] = rich;
        }

        return rich;
    }

    /// <summary>How many leading <see cref="Packages"/> are installed.</summary>
    public int InstalledCount { get; }

    /// <summary>True when package <paramref name="p"/> is installed.</summary>
    public bool IsInstalled(int p) => p < InstalledCount;

    /// <summary>The packages with this name, in pool order.</summary>
    public IReadOnlyList<int> WithName(string name) => _byName.TryGetValue(name, out var list) ? list : [];

    /// <summary>The packages of each name, in no particular order.</summary>
    public IEnumerable<IReadOnlyList<int>> NameGroups => _byName.Values;

    /// <summary>Every name in the pool, sorted ordinally.</summary>
    public IEnumerable<string> Names => _byName.Keys.Order(StringComparer.Ordinal);

    /// <summary>The rank of an architecture (0 is preferred); unknown ones rank last.</summary>
    public int ArchRank(string arch) => _archRank.TryGetValue(arch, out int rank) ? rank : int.MaxValue;

    /// <summary>
    /// The packages that provide a simple (non-rich) dependency, in pool order: Provides overlapping its range,
    /// and for a path, the packages that contain that file.
    /// </summary>
    public int[] WhatProvides(Dependency dependency)
    {
        if (_whatProvides.TryGetValue(dependency, out var cached))
        {
            return cached;
        }

        var result = _scratch;
        result.Clear();
        var (packages, provides) = ProvidesOf(dependency.Name);
        for (int i = 0; i < packages.Length; i++)
        {
            if (Capability.Satisfies(provides.Span[i], dependency))
            {
                result.Add(packages.Span[i]);
            }
        }

        if (dependency.Name.StartsWith('/') && _files.TryGetValue(dependency.Name, out var owners))
        {
            result.AddRange(owners);
        }

        result.Sort();
        int kept = 0;
        for (int i = 0; i < result.Count; i++)
        {
            if (kept == 0 || result[kept - 1] != result[i])
            {
                result[kept++] = result[i];
            }
        }

        var array = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result)[..kept].ToArray();
        _whatProvides[dependency] = array;
        return array;
    }

    /// <summary>The highest EVR with which <paramref name="p"/> provides <paramref name="name"/>, or null.</summary>
    public Dependency? ProvideOf(int p, string name)
    {
        Dependency? best = null;
        var (packages, provides) = ProvidesOf(name);
        for (int i = 0; i < packages.Length; i++)
        {
            if (packages.Span[i] == p && (best is null || CompareProvided(provides.Span[i], best) > 0))
            {
                best = provides.Span[i];
            }
        }

        return best;
    }

    /// <summary>Orders provides of one name: a higher EVR first, then one that includes its EVR ("&lt;=" over "&lt;").</summary>
    public static int CompareProvided(Dependency a, Dependency b)
    {
        if (a.Version.Length == 0 || b.Version.Length == 0)
        {
            return a.Version.Length.CompareTo(b.Version.Length) == 0 ? 0 : (a.Version.Length == 0 ? -1 : 1);
        }

        int rc = Evr.Compare(Evr.Parse(a.Version), Evr.Parse(b.Version));
        if (rc != 0)
        {
            return rc;
        }

        return ((a.Flags & DependencyFlags.Equal) != 0).CompareTo((b.Flags & DependencyFlags.Equal) != 0);
    }

    /// <summary>Packages whose name equals the obsoletes' name and whose own EVR lies in its range (rpm matches names).</summary>
    public IEnumerable<int> WhatObsoletes(Dependency obsoletes)
    {
        foreach (int p in WithName(obsoletes.Name))
        {
            if (Capability.Satisfies(SelfProvides[p], obsoletes))
            {
                yield return p;
            }
        }
    }

    private static void Add(Dictionary<string, List<int>> map, string key, int value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(value);
    }
}
