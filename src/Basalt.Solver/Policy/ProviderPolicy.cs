using Basalt.Packaging;
using Basalt.Solver.Encoding;
using Basalt.Solver.Sat;

namespace Basalt.Solver.Policy;

/// <summary>
/// Which provider to try first, in the steps of libsolv 0.7.23's policy_filter_unwanted (policy.c, CHOOSE mode; see
/// docs/solver.md, "Policy"). Basalt keeps two steps of its own in front: an installed candidate, then a locked one.
/// Then libsolv's prunes: the best repository priority; the best version of each name (the list is now in name order);
/// drop what another candidate obsoletes; keep what a chosen package recommends or what supplements a chosen one. Then
/// libsolv's reorderings: old versions of a name to the back, the "common dependency" order (the candidate that
/// provides the higher version of a name they share first), updates of installed names to the front, and suggested
/// or enhancing packages to the front. The first candidate wins.
/// </summary>
internal sealed partial class ProviderPolicy(Encoder encoder, IReadOnlySet<string> locked)
{
    private readonly Pool _pool = encoder.Pool;
    private readonly HashSet<string> _installedNames = [.. encoder.Pool.Packages.Take(encoder.Pool.InstalledCount).Select(p => p.Name)];
    private readonly List<int> _list = [];
    private readonly List<int> _scratch = [];

    /// <summary>
    /// After <see cref="Choose"/>: the candidates left after pruning, in the policy's order (the chosen one first).
    /// More than one means the choice is a branch point libsolv may revisit when minimizing.
    /// </summary>
    public IReadOnlyList<int> Alternatives => _list;

    /// <summary>The best package among <paramref name="candidates"/>.</summary>
    public int Choose(IReadOnlyList<int> candidates, SatSolver sat)
    {
        if (Prune(candidates, sat) > 1)
        {
            Reorder(sat);
        }

        return _list[0];
    }

    /// <summary>
    /// libsolv's pruning steps alone (its CHOOSE_NOREORDER mode); returns how many candidates are left. libsolv
    /// postpones a requirement that still has several, and first decides those the pruning leaves one for.
    /// </summary>
    public int Prune(IReadOnlyList<int> candidates, SatSolver sat)
    {
        var list = _list;
        list.Clear();
        list.AddRange(candidates);
        if (list.Count == 1)
        {
            return 1;
        }

        KeepIfAny(list, _pool.IsInstalled);
        if (locked.Count != 0)
        {
            KeepIfAny(list, p => locked.Contains(_pool.Packages[p].Nevra.ToString()));
        }

        PruneToHighestPriority(list);
        PruneToBestVersion(list);
        PruneObsoleted(list);
        if (list.Count > 1)
        {
            KeepIfAny(list, p => IsRecommended(p, sat));
        }

        return list.Count;
    }

    /// <summary>libsolv's RECOMMEND mode: the best repository priority and the best version of each name, no reordering.</summary>
    public IReadOnlyList<int> PruneForRecommends(IEnumerable<int> candidates)
    {
        _list.Clear();
        _list.AddRange(candidates);
        PruneToHighestPriority(_list);
        PruneToBestVersion(_list);
        PruneObsoleted(_list);
        return _list;
    }

    /// <summary>libsolv's SUPPLEMENT mode: reordering only (old versions last, common dependency, suggested first).</summary>
    public IReadOnlyList<int> OrderSupplements(IEnumerable<int> candidates, SatSolver sat)
    {
        _list.Clear();
        _list.AddRange(candidates);
        if (_list.Count > 1)
        {
            MoveToBack(_list, IsOldVersion);
            SortByCommonDependency(_list);
            MoveToFront(_list, p => IsSuggested(p, sat));
        }

        return _list;
    }

    private void Reorder(SatSolver sat)
    {
        var list = _list;
        MoveToBack(list, IsOldVersion);
        SortByCommonDependency(list);
        MoveToFront(list, p => _installedNames.Contains(_pool.Packages[p].Name));
        MoveToFront(list, p => IsSuggested(p, sat));
    }

    /// <summary>Keeps the candidates that match, unless none does.</summary>
    private static void KeepIfAny(List<int> list, Func<int, bool> keep)
    {
        int kept = 0;
        for (int i = 0; i < list.Count; i++)
        {
            if (keep(list[i]))
            {
                list[kept++] = list[i];
            }
        }

        if (kept != 0)
        {
            list.RemoveRange(kept, list.Count - kept);
        }
    }

    /// <summary>Stable: the matching candidates to the front.</summary>
    private void MoveToFront(List<int> list, Func<int, bool> front)
    {
        _scratch.Clear();
        int kept = 0;
        for (int i = 0; i < list.Count; i++)
        {
            if (front(list[i]))
            {
                list[kept++] = list[i];
            }
            else
            {
                _scratch.Add(list[i]);
            }
        }

        for (int i = 0; i < _scratch.Count; i++)
        {
            list[kept + i] = _scratch[i];
        }
    }

    /// <summary>Stable: the matching candidates to the back.</summary>
    private void MoveToBack(List<int> list, Func<int, bool> back) => MoveToFront(list, p => !back(p));
}
