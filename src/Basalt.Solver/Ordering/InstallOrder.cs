using Basalt.Packaging.Model;
using Basalt.Solver.Encoding;

namespace Basalt.Solver.Ordering;

/// <summary>
/// The order to install packages in, as rpm's tsort (lib/order.c) does it: a package comes after the packages that
/// provide what it requires. Requires(pre) edges are strong, plain requires weak; inside a dependency loop (a strongly
/// connected component) the weak edges are dropped first, and only if a loop of strong edges remains are those
/// dropped too. Ties go to the lexically first NEVRA, so the order is deterministic.
/// </summary>
internal static class InstallOrder
{
    public static List<PackageCandidate> Compute(Pool pool, IReadOnlyList<int> installs)
    {
        int n = installs.Count;
        var index = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            index[installs[i]] = i;
        }

        // edges[i] holds (j, strong): package i needs package j installed first.
        var edges = new List<(int To, bool Strong)>[n];
        for (int i = 0; i < n; i++)
        {
            var seen = new Dictionary<int, bool>();
            foreach (var requires in pool.Packages[installs[i]].Requires)
            {
                if (requires.IsRich)
                {
                    continue;
                }

                bool strong = requires.IsPrerequisite();
                foreach (int provider in pool.WhatProvides(requires))
                {
                    if (index.TryGetValue(provider, out int j) && j != i)
                    {
                        seen[j] = seen.TryGetValue(j, out bool s) ? s || strong : strong;
                    }
                }
            }

            edges[i] = [.. seen.Select(kv => (kv.Key, kv.Value)).OrderBy(e => e.Key)];
        }

        var names = installs.Select(p => pool.Packages[p].Nevra.ToString()).ToArray();
        foreach (var component in StronglyConnected.Components(n, i => edges[i].Select(e => e.To)))
        {
            if (component.Count > 1)
            {
                BreakLoop(component, edges);
            }
        }

        return [.. TopologicalOrder(n, edges, names).Select(i => pool.Packages[installs[i]])];
    }

    private static void BreakLoop(List<int> component, List<(int To, bool Strong)>[] edges)
    {
        var members = component.ToHashSet();
        foreach (int i in component)
        {
            edges[i].RemoveAll(e => members.Contains(e.To) && !e.Strong);
        }

        // Strong edges alone may still loop: then rpm, too, has to break a prerequisite.
        foreach (var inner in StronglyConnected.Components(edges.Length, i => members.Contains(i) ? edges[i].Select(e => e.To).Where(members.Contains) : []))
        {
            if (inner.Count > 1)
            {
                var innerMembers = inner.ToHashSet();
                foreach (int i in inner)
                {
                    edges[i].RemoveAll(e => innerMembers.Contains(e.To));
                }
            }
        }
    }

    /// <summary>Kahn's algorithm: dependencies first, lexically first NEVRA among the ready ones.</summary>
    private static List<int> TopologicalOrder(int n, List<(int To, bool Strong)>[] edges, string[] names)
    {
        var waiting = new int[n];
        var dependents = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            dependents[i] = [];
        }

        for (int i = 0; i < n; i++)
        {
            foreach (var (to, _) in edges[i])
            {
                waiting[i]++;
                dependents[to].Add(i);
            }
        }

        var ready = new SortedSet<int>(Comparer<int>.Create((a, b) =>
        {
            int rc = string.CompareOrdinal(names[a], names[b]);
            return rc != 0 ? rc : a.CompareTo(b);
        }));
        for (int i = 0; i < n; i++)
        {
            if (waiting[i] == 0)
            {
                ready.Add(i);
            }
        }

        var order = new List<int>(n);
        while (ready.Count > 0)
        {
            int next = ready.Min;
            ready.Remove(next);
            order.Add(next);
            foreach (int dependent in dependents[next])
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Add(dependent);
                }
            }
        }

        return order;
    }
}
