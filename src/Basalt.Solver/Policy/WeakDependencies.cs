using Basalt.Packaging;
using Basalt.Solver.Encoding;
using Basalt.Solver.Sat;

namespace Basalt.Solver.Policy;

/// <summary>
/// Recommends and Supplements as libsolv 0.7.23's resolve_weak installs them (dnf's install_weak_deps), once every
/// hard requirement is met. A pass first gathers every candidate: the undecided providers of each unmet Recommends of a
/// chosen package (for a rich Recommends, the undecided packages of each block of its CNF whose conditions hold, so
/// "(a if b else c)" also offers b), and every undecided package whose Supplements holds. One candidate is installed
/// at once; several are cut to the best version of each name. Then the pass installs every supplementing one among
/// them, and for each package chosen before the pass, in the order chosen, the best candidate of each unmet Recommends.
/// Hard requirements of what it installs wait for the end of the pass. They are decisions, never clauses: one that
/// cannot be met is simply left out and never causes a failure.
/// </summary>
internal sealed class WeakDependencies(Encoder encoder, ProviderPolicy policy)
{
    private readonly List<int> _candidates = [];
    private readonly HashSet<int> _best = [];
    private readonly List<int> _supplemented = [];
    private readonly List<int> _recommenders = [];
    private int _supplementIndex;
    private int _recommenderIndex;
    private int _dependencyIndex;

    /// <summary>True while a pass has decisions left to make.</summary>
    public bool InPass { get; private set; }

    /// <summary>After a choice among several recommended providers: the alternatives in policy order, else null.</summary>
    public IReadOnlyList<int>? Alternatives { get; private set; }

    /// <summary>Starts a pass: the first weak decision (a literal), or 0 when there is nothing to install.</summary>
    public int Start(SatSolver solver)
    {
        InPass = false;
        Alternatives = null;
        var pool = encoder.Pool;
        var recommended = new List<int>();
        _supplemented.Clear();
        for (int p = 0; p < pool.Packages.Count; p++)
        {
            int value = solver.ValueOf(p + 1);
            if (value > 0 && !pool.IsInstalled(p))
            {
                foreach (var recommends in pool.Packages[p].Recommends)
                {
                    _candidates.Clear();
                    Collect(recommends, solver, filter: false);
                    foreach (int q in _candidates)
                    {
                        if (!recommended.Contains(q))
                        {
                            recommended.Add(q);
                        }
                    }
                }
            }
            else if (value == 0 && encoder.IsReachable(p) && Supplementing(p, solver))
            {
                _supplemented.Add(p);
            }
        }

        foreach (int q in _supplemented)
        {
            if (!recommended.Contains(q))
            {
                recommended.Add(q);
            }
        }

        if (recommended.Count <= 1)
        {
            return recommended.Count == 0 ? 0 : recommended[0] + 1;
        }

        _best.Clear();
        _best.UnionWith(policy.PruneForRecommends(recommended));
        var supplemented = _supplemented.Where(_best.Contains).ToList();
        _supplemented.Clear();
        _supplemented.AddRange(policy.OrderSupplements(supplemented, solver));
        _recommenders.Clear();
        for (int i = 0; i < solver.TrailLength; i++)
        {
            int literal = solver.TrailAt(i);
            if (literal > 0 && encoder.IsPackage(literal) && !pool.IsInstalled(literal - 1) && pool.Packages[literal - 1].Recommends.Count != 0)
            {
                _recommenders.Add(literal - 1);
            }
        }

        _supplementIndex = _recommenderIndex = _dependencyIndex = 0;
        InPass = true;
        return Next(solver);
    }

    /// <summary>The next decision of the current pass, or 0 when the pass is over.</summary>
    public int Next(SatSolver solver)
    {
        Alternatives = null;
        while (_supplementIndex < _supplemented.Count)
        {
            int p = _supplemented[_supplementIndex++];
            if (solver.ValueOf(p + 1) == 0)
            {
                return p + 1;
            }
        }

        var pool = encoder.Pool;
        for (; _recommenderIndex < _recommenders.Count; _recommenderIndex++, _dependencyIndex = 0)
        {
            var recommends = pool.Packages[_recommenders[_recommenderIndex]].Recommends;
            while (_dependencyIndex < recommends.Count)
            {
                _candidates.Clear();
                Collect(recommends[_dependencyIndex++], solver, filter: true);
                if (_candidates.Count == 0)
                {
                    continue;
                }

                int choice = policy.Choose(_candidates, solver);
                if (policy.Alternatives.Count > 1)
                {
                    Alternatives = [.. policy.Alternatives];
                }

                return choice + 1;
            }
        }

        InPass = false;
        return 0;
    }

    /// <summary>A conflict undid decisions: the pass stops, as libsolv's does.</summary>
    public void Cancel() => InPass = false;

    /// <summary>
    /// Adds to <see cref="_candidates"/> the undecided packages that would meet an unmet Recommends (with
    /// <paramref name="filter"/>, only the pass's best versions). For a rich one, as libsolv's add_complex_recommends:
    /// the undecided packages of every CNF block whose negated packages are all chosen and that nothing chosen meets.
    /// </summary>
    private void Collect(Dependency recommends, SatSolver solver, bool filter)
    {
        if (encoder.Pool.Rich(recommends) is not { } rich)
        {
            var providers = encoder.Pool.WhatProvides(recommends);
            if (Chosen.Any(providers, solver))
            {
                return;
            }

            foreach (int q in providers)
            {
                if (solver.ValueOf(q + 1) == 0 && (!filter || _best.Contains(q)))
                {
                    _candidates.Add(q);
                }
            }

            return;
        }

        if (encoder.NormalForm(rich) is not { Blocks: { } blocks })
        {
            return;
        }

        foreach (var block in blocks)
        {
            int start = _candidates.Count;
            foreach (int literal in block)
            {
                int value = solver.ValueOf(literal);
                if (literal < 0 && value >= 0)
                {
                    break; // the condition's package is not chosen: the block holds
                }

                if (literal > 0 && value > 0)
                {
                    _candidates.RemoveRange(start, _candidates.Count - start);
                    break;
                }

                if (literal > 0 && value == 0 && (!filter || _best.Contains(literal - 1)) && !_candidates.Contains(literal - 1))
                {
                    _candidates.Add(literal - 1);
                }
            }
        }
    }

    private bool Supplementing(int p, SatSolver solver)
    {
        foreach (var supplements in encoder.Pool.Packages[p].Supplements)
        {
            if (Chosen.Holds(encoder, supplements, solver))
            {
                return true;
            }
        }

        return false;
    }
}
