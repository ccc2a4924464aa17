using Basalt.Packaging;

namespace Basalt.Solver.Policy;

/// <summary>libsolv's pruning steps (policy.c, 0.7.23): what <see cref="ProviderPolicy.Prune"/> applies in turn.</summary>
internal sealed partial class ProviderPolicy
{
    // libsolv's prune_to_highest_prio (installed packages stay; lower numbers are better in Basalt).
    private void PruneToHighestPriority(List<int> list)
    {
        int best = int.MaxValue;
        foreach (int p in list)
        {
            if (!_pool.IsInstalled(p))
            {
                best = Math.Min(best, _pool.Packages[p].RepositoryPriority);
            }
        }

        KeepIfAny(list, p => _pool.IsInstalled(p) || _pool.Packages[p].RepositoryPriority == best);
    }

    /// <summary>
    /// libsolv's prune_to_best_version: sort by name (ordinal, as strcmp), within a name the better architecture and
    /// the installed one first, then keep the highest EVR of each name (on a tie the first of them).
    /// </summary>
    private void PruneToBestVersion(List<int> list)
    {
        if (list.Count < 2)
        {
            return;
        }

        list.Sort(CompareForBestVersion);
        int kept = 0;
        for (int i = 0; i < list.Count; i++)
        {
            int p = list[i];
            if (kept != 0 && _pool.Packages[list[kept - 1]].Name == _pool.Packages[p].Name)
            {
                if (Evr.Compare(_pool.Evrs[list[kept - 1]], _pool.Evrs[p]) < 0)
                {
                    list[kept - 1] = p;
                }

                continue;
            }

            list[kept++] = p;
        }

        list.RemoveRange(kept, list.Count - kept);
    }

    private int CompareForBestVersion(int a, int b)
    {
        var pa = _pool.Packages[a];
        var pb = _pool.Packages[b];
        int rc = string.CompareOrdinal(pa.Name, pb.Name);
        if (rc == 0 && pa.Nevra.Arch != pb.Nevra.Arch && pa.Nevra.Arch != "noarch" && pb.Nevra.Arch != "noarch")
        {
            rc = _pool.ArchRank(pa.Nevra.Arch).CompareTo(_pool.ArchRank(pb.Nevra.Arch));
        }

        if (rc == 0)
        {
            rc = _pool.IsInstalled(b).CompareTo(_pool.IsInstalled(a));
        }

        return rc != 0 ? rc : a.CompareTo(b);
    }

    /// <summary>
    /// libsolv's prune_obsoleted: drop a candidate that another candidate obsoletes (testsolv installs "Y" for
    /// "Z requires cap" when X and Y provide cap and Y obsoletes X, although X sorts first), and dnf's install-by-name
    /// relies on it to install the obsoleting package. Installed candidates stay; when every candidate would go
    /// (obsoletes in a cycle), none does.
    /// </summary>
    private void PruneObsoleted(List<int> list)
    {
        if (list.Count < 2)
        {
            return;
        }

        _scratch.Clear();
        foreach (int by in list)
        {
            if (_pool.Packages[by].Obsoletes.Count == 0)
            {
                continue;
            }

            foreach (int candidate in list)
            {
                if (!_pool.IsInstalled(candidate) && _pool.Obsoletes(by, candidate))
                {
                    _scratch.Add(candidate);
                }
            }
        }

        if (_scratch.Count != 0)
        {
            var obsoleted = _scratch;
            KeepIfAny(list, p => !obsoleted.Contains(p));
        }
    }
}
