using Basalt.Solver.Encoding;
using Basalt.Solver.Sat;

namespace Basalt.Solver.Policy;

/// <summary>
/// The decision order libsolv 0.7.23 uses (solver.c, solver_run_sat), over the SAT core: first the jobs, then keeping
/// installed packages, then the requirements of what is chosen, in libsolv's rule order with its postponing
/// (RpmDecider.Order.cs); when none is open, a weak-dependency pass (<see cref="WeakDependencies"/>), which runs to its
/// end before requirements are looked at again; when nothing is left, the minimization step (RpmDecider.Branches.cs).
/// Everything left undecided is not installed.
/// </summary>
internal sealed partial class RpmDecider(Encoder encoder, ProviderPolicy policy, WeakDependencies? weak) : ISatDecider
{
    private readonly List<int> _candidates = [];
    private int[] _hints = [];
    private int _trailSeen;
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
        // A weak-dependency pass runs to its end before any requirement is resolved, as in libsolv.
        if (weak is { InPass: true })
        {
            int next = weak.Next(solver);
            if (next != 0)
            {
                RecordWeakBranch(solver);
                return next;
            }

            NewPass();
        }

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
                    Activate(clause, _trailSeen);
                }
            }
        }

        int resolved = ResolveDependencies(solver);
        if (resolved != 0)
        {
            return resolved;
        }

        int weakChoice = weak?.Start(solver) ?? 0;
        if (weakChoice != 0)
        {
            NewPass(); // libsolv runs its dependency pass afresh after installing weak dependencies
            RecordWeakBranch(solver);
            return weakChoice;
        }

        return Minimize(solver);
    }

    private void RecordWeakBranch(SatSolver solver)
    {
        if (weak?.Alternatives is { } alternatives)
        {
            RecordBranch(solver, alternatives);
        }
    }

    public void Backtracked(int trailLength)
    {
        Deactivate(trailLength);
        _trailSeen = Math.Min(_trailSeen, trailLength);
        DropBranches(trailLength);
        if (trailLength < _callStart)
        {
            NewPass();
        }

        weak?.Cancel();
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
        int choice = Collect(solver, clause);
        if (choice != 0 || _candidates.Count == 0)
        {
            return choice;
        }

        choice = policy.Choose(_candidates, solver);
        RecordBranch(solver, policy.Alternatives);
        return choice + 1;
    }

    /// <summary>
    /// Gathers the undecided packages of an open clause into <see cref="_candidates"/>. Returns a helper literal to
    /// decide instead (a rich branch that installs nothing, or the only way left), else 0: with no candidates when the
    /// clause is satisfied or waits on a condition that may still turn false.
    /// </summary>
    private int Collect(SatSolver solver, int clause)
    {
        _candidates.Clear();
        if (_hints.Length <= clause)
        {
            Array.Resize(ref _hints, Math.Max(encoder.Rules.Count, clause + 1));
        }

        // The literal that settled this clause last time (true, or an undecided condition it waits on) usually still
        // does: the scans visit every open requirement at each decision, so this check saves walking the clause.
        int hint = _hints[clause];
        if (hint != 0 && (solver.ValueOf(hint) > 0 || (hint < 0 && solver.ValueOf(hint) == 0)))
        {
            return 0;
        }

        int helper = 0;
        foreach (int literal in solver.ClauseLiteralsView(clause))
        {
            int value = solver.ValueOf(literal);
            if (value > 0)
            {
                _candidates.Clear();
                _hints[clause] = literal;
                return 0;
            }

            if (value == 0)
            {
                if (literal < 0)
                {
                    _candidates.Clear();
                    _hints[clause] = literal;
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
        if (helper != 0 && (_candidates.Count == 0 || rule.Kind == RuleKind.Conflicts || encoder.InstallsNothing(helper)))
        {
            _candidates.Clear();
            return helper;
        }

        return 0;
    }
}
