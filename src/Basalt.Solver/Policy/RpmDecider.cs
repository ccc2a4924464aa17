using Basalt.Solver.Encoding;
using Basalt.Solver.Sat;

namespace Basalt.Solver.Policy;

/// <summary>
/// The decision order libsolv uses, over the SAT core: first the jobs, then keeping installed packages, then the
/// requires of every package (and rich helper) already chosen, in the order they were chosen; when all are met, the
/// weak dependencies (<see cref="WeakDependencies"/>); everything left undecided is then not installed.
/// </summary>
internal sealed class RpmDecider(Encoder encoder, ProviderPolicy policy, WeakDependencies? weak) : ISatDecider
{
    // Requires-like clauses whose premise is true, with the trail position of that premise.
    private readonly List<(int TrailPosition, int Clause)> _active = [];
    private readonly List<int> _candidates = [];
    private int _trailSeen;
    private int _firstOpen;
    private int _idleAt = -1;

    public int Decide(SatSolver solver)
    {
        // After "nothing to do", assignments that made nothing true cannot create work: skip the scans.
        if (_idleAt >= 0)
        {
            while (_idleAt < solver.TrailLength && solver.TrailAt(_idleAt) < 0)
            {
                _idleAt++;
            }

            if (_idleAt == solver.TrailLength)
            {
                return 0;
            }

            _idleAt = -1;
        }

        int decision = DecideNext(solver);
        if (decision == 0)
        {
            _idleAt = solver.TrailLength;
        }

        return decision;
    }

    private int DecideNext(SatSolver solver)
    {
        foreach (int clause in encoder.JobClauses)
        {
            int choice = ChooseFor(solver, clause);
            if (choice != 0)
            {
                return choice;
            }
        }

        for (int p = 0; p < encoder.Pool.InstalledCount; p++)
        {
            if (solver.ValueOf(p + 1) == 0)
            {
                return p + 1;
            }
        }

        // Newly true variables bring their requires into play.
        for (; _trailSeen < solver.TrailLength; _trailSeen++)
        {
            int literal = solver.TrailAt(_trailSeen);
            if (literal > 0)
            {
                foreach (int clause in encoder.TriggeredBy(literal))
                {
                    _active.Add((_trailSeen, clause));
                }
            }
        }

        // Clauses before _firstOpen were satisfied when last seen, and assignments only grow until a backjump.
        bool allSatisfied = true;
        for (int i = _firstOpen; i < _active.Count; i++)
        {
            int clause = _active[i].Clause;
            int choice = ChooseFor(solver, clause);
            if (choice != 0)
            {
                return choice;
            }

            if (allSatisfied && IsSatisfied(solver, clause))
            {
                _firstOpen = i + 1;
            }
            else
            {
                allSatisfied = false;
            }
        }

        return weak?.Decide(solver) ?? 0;
    }

    public void Backtracked(int trailLength)
    {
        int keep = _active.Count;
        while (keep > 0 && _active[keep - 1].TrailPosition >= trailLength)
        {
            keep--;
        }

        _active.RemoveRange(keep, _active.Count - keep);
        _trailSeen = Math.Min(_trailSeen, trailLength);
        _firstOpen = 0;
        if (trailLength < _idleAt)
        {
            _idleAt = -1;
        }
    }

    /// <summary>
    /// For an unsatisfied clause without undecided conditions: the literal of the preferred undecided package (or helper).
    /// 0 when the clause is satisfied, or waits on a condition that may still turn false.
    /// </summary>
    private int ChooseFor(SatSolver solver, int clause)
    {
        _candidates.Clear();
        int helper = 0;
        foreach (int literal in solver.ClauseLiteralsView(clause))
        {
            int value = solver.ValueOf(literal);
            if (value > 0)
            {
                return 0;
            }

            if (value == 0)
            {
                if (literal < 0)
                {
                    return 0;
                }

                if (encoder.IsPackage(literal))
                {
                    _candidates.Add(literal - 1);
                }
                else if (helper == 0)
                {
                    helper = literal;
                }
            }
        }

        // A rich conflict is best met by the branch that installs nothing (its helper), as libsolv ends up doing; so is
        // a rich requires whose helper only keeps packages out (libsolv's clauses for it hold once those are left out).
        var rule = encoder.Rules[clause];
        if (helper != 0 && (rule.Kind == RuleKind.Conflicts || encoder.InstallsNothing(helper)))
        {
            return helper;
        }

        if (_candidates.Count != 0)
        {
            return policy.Choose(_candidates, rule.PreferredName, solver) + 1;
        }

        return helper;
    }

    private static bool IsSatisfied(SatSolver solver, int clause)
    {
        foreach (int literal in solver.ClauseLiteralsView(clause))
        {
            if (solver.ValueOf(literal) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
