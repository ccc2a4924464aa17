using Basalt.Packaging;
using Basalt.Packaging.Model;

namespace Basalt.Solver.Encoding;

/// <summary>The reverse of <see cref="WhatObsoletes"/>: which packages obsolete a given one.</summary>
internal sealed partial class Pool
{
    // Obsoleted name → (obsoleting package, its Obsoletes entry); built on first use, most solves never ask.
    private Dictionary<string, List<(int Package, Dependency Obsoletes)>>? _obsoletersByName;

    /// <summary>
    /// The packages of another name whose Obsoletes name <paramref name="p"/> with its EVR in range, in pool order.
    /// rpm and libsolv (without obsoleteusesprovides) match obsoletes against package names, never provides.
    /// </summary>
    public IEnumerable<int> ObsoletersOf(int p)
    {
        _obsoletersByName ??= BuildObsoletersByName();
        if (!_obsoletersByName.TryGetValue(Packages[p].Name, out var entries))
        {
            yield break;
        }

        int last = -1;
        foreach (var (package, obsoletes) in entries)
        {
            if (package != last && Packages[package].Name != Packages[p].Name && Capability.Satisfies(SelfProvides[p], obsoletes))
            {
                last = package;
                yield return package;
            }
        }
    }

    /// <summary>True when package <paramref name="by"/> (of another name) obsoletes package <paramref name="p"/>.</summary>
    public bool Obsoletes(int by, int p)
    {
        var name = Packages[p].Name;
        if (Packages[by].Name == name)
        {
            return false;
        }

        foreach (var obsoletes in Packages[by].Obsoletes)
        {
            if (obsoletes.Name == name && Capability.Satisfies(SelfProvides[p], obsoletes))
            {
                return true;
            }
        }

        return false;
    }

    private Dictionary<string, List<(int Package, Dependency Obsoletes)>> BuildObsoletersByName()
    {
        var map = new Dictionary<string, List<(int Package, Dependency Obsoletes)>>(StringComparer.Ordinal);
        for (int q = 0; q < Packages.Count; q++)
        {
            foreach (var obsoletes in Packages[q].Obsoletes)
            {
                if (!map.TryGetValue(obsoletes.Name, out var list))
                {
                    list = [];
                    map[obsoletes.Name] = list;
                }

                list.Add((q, obsoletes));
            }
        }

        return map;
    }
}
