using Basalt.Solver.Sat;

namespace Basalt.Solver.Policy;

/// <summary>
/// The order in which libsolv 0.7.23 visits requirements (solver.c, resolve_dependencies). Its package rules are sorted
/// (rules.c, solver_unifyrules) by their literals over solvable numbers, and solvables are numbered in input order, so a
/// requirement of a package given later comes first. A pass scans the rules from the first, round and round: it decides
/// a rule whose candidates the policy's pruning cuts to one, continuing after it; once a whole round decides nothing,
/// it goes back to the first rule it postponed (one with several candidates left) and from there decides every open
/// rule in turn with the full policy. A pass starts afresh after a conflict undoes decisions made before it began,
/// after weak dependencies are installed and after a minimization step.
/// </summary>
internal sealed partial class RpmDecider
{
    private readonly List<int> _order = [];          // active requires-like clauses, in libsolv's rule order
    private int[] _activeAt = [];                   // per clause: trail position of the premise that made it active, or -1
    private int[]?[] _keys = [];
    private bool _postponing = true;
    private int _postponed = -1;                    // the first clause postponed in this pass
    private int _last = -1;                         // the clause decided last in this pass
    private int _callStart = int.MaxValue;          // trail length when this pass began
    private Comparer<int>? _ruleOrder;

    private Comparer<int> RuleOrder => _ruleOrder ??= Comparer<int>.Create(CompareRules);

    private void NewPass()
    {
        _postponing = true;
        _postponed = -1;
        _last = -1;
        _callStart = int.MaxValue;
    }

    private void Activate(int clause, int trailPosition)
    {
        if (_activeAt.Length <= clause)
        {
            int size = Math.Max(encoder.Rules.Count, clause + 1);
            int old = _activeAt.Length;
            Array.Resize(ref _activeAt, size);
            Array.Fill(_activeAt, -1, old, size - old);
            Array.Resize(ref _keys, size);
        }

        if (_activeAt[clause] >= 0)
        {
            return;
        }

        _activeAt[clause] = trailPosition;
        int index = _order.BinarySearch(clause, RuleOrder);
        _order.Insert(index < 0 ? ~index : index, clause);
    }

    private void Deactivate(int trailLength)
    {
        int kept = 0;
        for (int i = 0; i < _order.Count; i++)
        {
            int clause = _order[i];
            if (_activeAt[clause] >= trailLength)
            {
                _activeAt[clause] = -1;
            }
            else
            {
                _order[kept++] = clause;
            }
        }

        _order.RemoveRange(kept, _order.Count - kept);
    }

    private int ResolveDependencies(SatSolver solver)
    {
        if (_callStart == int.MaxValue)
        {
            _callStart = solver.TrailLength;
        }

        int count = _order.Count;
        if (count == 0)
        {
            return 0;
        }

        int start = _last < 0 ? 0 : PositionAfter(_last);
        for (int k = 0; k < count; k++)
        {
            int clause = _order[(start + k) % count];
            int choice = Collect(solver, clause);
            if (choice == 0 && _candidates.Count == 0)
            {
                continue;
            }

            if (choice == 0 && _postponing)
            {
                if (policy.Prune(_candidates, solver) > 1)
                {
                    if (_postponed < 0)
                    {
                        _postponed = clause;
                    }

                    continue;
                }

                choice = policy.Alternatives[0] + 1;
            }
            else if (choice == 0)
            {
                choice = policy.Choose(_candidates, solver) + 1;
                RecordBranch(solver, policy.Alternatives);
            }

            _last = clause;
            return choice;
        }

        if (!_postponing || _postponed < 0)
        {
            return 0;
        }

        // A whole round decided nothing: from the first postponed rule on, decide with the full policy.
        _postponing = false;
        int from = _order.BinarySearch(_postponed, RuleOrder);
        _last = -1;
        for (int k = 0; k < count; k++)
        {
            int clause = _order[((from < 0 ? ~from : from) + k) % count];
            int choice = ChooseFor(solver, clause);
            if (choice != 0)
            {
                _last = clause;
                return choice;
            }
        }

        return 0;
    }

    private int PositionAfter(int clause)
    {
        int index = _order.BinarySearch(clause, RuleOrder);
        return index < 0 ? ~index : index + 1;
    }

    // libsolv's unifyrules order: the literals (over solvable numbers, sorted) compared one by one, shorter first.
    private int CompareRules(int a, int b)
    {
        if (a == b)
        {
            return 0;
        }

        var ka = Key(a);
        var kb = Key(b);
        for (int i = 0; i < ka.Length && i < kb.Length; i++)
        {
            if (ka[i] != kb[i])
            {
                return ka[i].CompareTo(kb[i]);
            }
        }

        int rc = ka.Length.CompareTo(kb.Length);
        return rc != 0 ? rc : a.CompareTo(b);
    }

    private int[] Key(int clause)
    {
        if (_keys[clause] is { } key)
        {
            return key;
        }

        var rank = encoder.Pool.InputRank;
        var literals = new List<int>();
        foreach (int literal in encoder.Sat.ClauseLiteralsView(clause))
        {
            int variable = Math.Abs(literal);
            // Solvable numbers start at 2 in libsolv (1 is the system solvable); rich helpers sort after all packages.
            int number = encoder.IsPackage(variable) ? rank[variable - 1] + 2 : 1_000_000_000 - encoder.Sat.VariableCount + variable;
            literals.Add(literal < 0 ? -number : number);
        }

        literals.Sort();
        key = [.. literals];
        _keys[clause] = key;
        return key;
    }
}
