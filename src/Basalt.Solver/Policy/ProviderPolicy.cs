using Basalt.Packaging;
using Basalt.Solver.Encoding;
using Basalt.Solver.Sat;

namespace Basalt.Solver.Policy;

/// <summary>
/// Which provider to try first, libsolv style (docs/solver.md, "Policy"): an installed one; a locked one; an update
/// of an installed name; the newest version of its name in the pool; one a chosen package recommends or suggests;
/// one whose name is the required name; the highest provided version of that
/// name; the lexically first name (libsolv and dnf pick "bbb" over "zz": length plays no part); then the newest EVR, the preferred architecture, the better
/// repository priority and finally pool order, so the choice is always deterministic.
/// </summary>
internal sealed class ProviderPolicy(Pool pool, IReadOnlySet<string> locked, Func<int, bool> hasRules)
{
    private readonly HashSet<string> _installedNames = [.. pool.Packages.Take(pool.InstalledCount).Select(p => p.Name)];
    private List<int>[]? _wantedBy;

    /// <summary>The best package among <paramref name="candidates"/> for a requirement named <paramref name="wanted"/>.</summary>
    public int Choose(IReadOnlyList<int> candidates, string wanted, SatSolver sat)
    {
        // libsolv ranks providers by the version they provide only when every one of them provides a version:
        // choose/versioned.t picks "Y = 2" over "Y = 1.1", yet an unversioned provider among them (random
        // differential cases against testsolv and dnf) makes the choice fall through to the name order.
        var byProvidedVersion = wanted.Length != 0
            && candidates.All(c => pool.ProvideOf(c, wanted) is { Version.Length: > 0 });
        var obsoleted = ObsoletedAmong(candidates);
        int best = -1;
        foreach (int candidate in candidates)
        {
            if ((obsoleted is null || !obsoleted.Contains(candidate))
                && (best < 0 || Compare(candidate, best, wanted, sat, byProvidedVersion) < 0))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>
    /// libsolv's prune_to_best_version drops a candidate that another candidate obsoletes (testsolv installs "Y"
    /// for "Z requires cap" when X and Y provide cap and Y obsoletes X, although X sorts first), and dnf's
    /// install-by-name relies on it to install the obsoleting package. Installed candidates stay; when every
    /// candidate would go (obsoletes in a cycle), none does. Null when nothing is pruned.
    /// </summary>
    private HashSet<int>? ObsoletedAmong(IReadOnlyList<int> candidates)
    {
        HashSet<int>? obsoleted = null;
        if (candidates.Count < 2)
        {
            return null;
        }

        foreach (int by in candidates)
        {
            if (pool.Packages[by].Obsoletes.Count == 0)
            {
                continue;
            }

            foreach (int candidate in candidates)
            {
                if (!pool.IsInstalled(candidate) && pool.Obsoletes(by, candidate))
                {
                    (obsoleted ??= []).Add(candidate);
                }
            }
        }

        return obsoleted is not null && obsoleted.Count < candidates.Count ? obsoleted : null;
    }

    /// <summary>Negative when <paramref name="a"/> is preferred to <paramref name="b"/>.</summary>
    public int Compare(int a, int b, string wanted, SatSolver sat, bool byProvidedVersion = true)
    {
        var pa = pool.Packages[a];
        var pb = pool.Packages[b];
        int rc = pool.IsInstalled(b).CompareTo(pool.IsInstalled(a));
        if (rc == 0 && locked.Count != 0)
        {
            rc = locked.Contains(pb.Nevra.ToString()).CompareTo(locked.Contains(pa.Nevra.ToString()));
        }

        if (rc == 0)
        {
            // An update of an installed package beats a new name (libsolv's choice rules).
            rc = _installedNames.Contains(pb.Name).CompareTo(_installedNames.Contains(pa.Name));
        }

        if (rc == 0)
        {
            rc = IsNewestOfName(b).CompareTo(IsNewestOfName(a));
        }

        if (rc == 0)
        {
            // libsolv's prune_to_recommended: prefer what a chosen package recommends or suggests.
            rc = IsWanted(b, sat).CompareTo(IsWanted(a, sat));
        }

        if (rc == 0)
        {
            rc = (pb.Name == wanted).CompareTo(pa.Name == wanted);
        }

        if (rc == 0 && byProvidedVersion && pa.Name != pb.Name && wanted.Length != 0)
        {
            var provideA = pool.ProvideOf(a, wanted);
            var provideB = pool.ProvideOf(b, wanted);
            if (provideA is not null && provideB is not null)
            {
                rc = -Pool.CompareProvided(provideA, provideB);
            }
        }

        if (rc == 0)
        {
            rc = string.CompareOrdinal(pa.Name, pb.Name);
        }

        if (rc == 0)
        {
            rc = -Evr.Compare(pool.Evrs[a], pool.Evrs[b]);
        }

        if (rc == 0)
        {
            rc = pool.ArchRank(pa.Nevra.Arch).CompareTo(pool.ArchRank(pb.Nevra.Arch));
        }

        if (rc == 0)
        {
            rc = pa.RepositoryPriority.CompareTo(pb.RepositoryPriority);
        }

        return rc != 0 ? rc : a.CompareTo(b);
    }

    private bool IsWanted(int p, SatSolver sat)
    {
        _wantedBy ??= BuildWantedBy();
        foreach (int q in _wantedBy[p] ?? [])
        {
            if (sat.ValueOf(q + 1) > 0)
            {
                return true;
            }
        }

        return false;
    }

    // For each package, the packages whose simple Recommends or Suggests it provides, and the packages that provide
    // what its own Supplements or Enhances name. Only packages with rules can be candidates or chosen, so the others
    // are left out.
    private List<int>[] BuildWantedBy()
    {
        var wantedBy = new List<int>[pool.Packages.Count];
        for (int q = 0; q < pool.Packages.Count; q++)
        {
            if (!hasRules(q))
            {
                continue;
            }

            foreach (var dependency in pool.Packages[q].Supplements.Concat(pool.Packages[q].Enhances))
            {
                if (!dependency.IsRich)
                {
                    (wantedBy[q] ??= []).AddRange(pool.WhatProvides(dependency));
                }
            }

            foreach (var dependency in pool.Packages[q].Recommends.Concat(pool.Packages[q].Suggests))
            {
                if (dependency.IsRich)
                {
                    continue;
                }

                foreach (int p in pool.WhatProvides(dependency))
                {
                    (wantedBy[p] ??= []).Add(q);
                }
            }
        }

        return wantedBy;
    }

    /// <summary>
    /// True when the pool holds no package of the same name with a higher EVR. libsolv's dislike_old_versions looks
    /// at the pool, not at what is still possible: an old version loses even when the newest cannot be installed.
    /// </summary>
    private bool IsNewestOfName(int p)
    {
        var evr = pool.Evrs[p];
        foreach (int q in pool.WithName(pool.Packages[p].Name))
        {
            if (q != p && Evr.Compare(pool.Evrs[q], evr) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
