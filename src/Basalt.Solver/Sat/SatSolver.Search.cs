using System.Diagnostics;

namespace Basalt.Solver.Sat;

/// <summary>The search loop: propagate, decide, analyse conflicts, backjump.</summary>
internal sealed partial class SatSolver
{
    /// <summary>
    /// Searches for a model. Deterministic for a given clause order and decider. Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public SatStatus Solve(ISatDecider decider, SatBudget budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(budget);
        var clock = Stopwatch.StartNew();
        Conflicts = 0;
        Decisions = 0;
        if (_emptyClause >= 0)
        {
            _core = [_emptyClause];
            return SatStatus.Unsatisfiable;
        }

        if (_level0Conflict >= 0)
        {
            _core = CoreFrom(_level0Conflict);
            return SatStatus.Unsatisfiable;
        }

        while (true)
        {
            int conflict = Propagate();
            if (conflict >= 0)
            {
                Conflicts++;
                if (_levelStarts.Count == 0)
                {
                    _core = CoreFrom(conflict);
                    return SatStatus.Unsatisfiable;
                }

                if ((Conflicts & 255) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (Conflicts > budget.MaxConflicts || clock.Elapsed > budget.MaxTime)
                {
                    return SatStatus.BudgetExceeded;
                }

                var (learned, antecedents, backjump) = Analyze(conflict);
                Backjump(backjump, decider);
                int id = _clauses.Count;
                _clauses.Add(learned);
                _antecedents.Add(antecedents);
                if (learned.Length > 1)
                {
                    Watch(learned[0], id);
                    Watch(learned[1], id);
                }

                Assign(learned[0], id);
                continue;
            }

            if ((Decisions & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // With every variable assigned the decider still has a say: it may go back to an earlier choice
            // (BacktrackTo) and return a new decision, or return 0 to accept the model.
            bool complete = _trail.Count == _variableCount;
            int literal = decider.Decide(this);
            if (complete && literal == 0)
            {
                return SatStatus.Satisfiable;
            }

            int lit;
            if (literal == 0)
            {
                lit = LowestUnassigned() << 1 | 1;
            }
            else
            {
                lit = Encode(literal);
                if (Math.Abs(literal) > _variableCount || LiteralValue(lit) != 0)
                {
                    throw new InvalidOperationException($"The decider chose literal {literal}, which is not unassigned.");
                }
            }

            Decisions++;
            _levelStarts.Add(_trail.Count);
            Assign(lit, -1);
        }
    }

    private int _lowestHint = 1;

    private int LowestUnassigned()
    {
        // Assignments only grow between backjumps, so the hint moves forward; Backjump resets it.
        while (_values[_lowestHint] != 0)
        {
            _lowestHint++;
        }

        return _lowestHint;
    }

    /// <summary>Unit propagation over the watch lists; returns a falsified clause id or -1.</summary>
    private int Propagate()
    {
        while (_propagated < _trail.Count)
        {
            int falseLit = _trail[_propagated++] ^ 1;
            var watchers = _watches[falseLit];
            if (watchers is null)
            {
                continue;
            }

            int keep = 0;
            for (int w = 0; w < watchers.Count; w++)
            {
                int id = watchers[w];
                var clause = _clauses[id];
                if (clause[0] == falseLit)
                {
                    clause[0] = clause[1];
                    clause[1] = falseLit;
                }

                if (LiteralValue(clause[0]) > 0)
                {
                    watchers[keep++] = id;
                    continue;
                }

                bool moved = false;
                for (int k = 2; k < clause.Length; k++)
                {
                    if (LiteralValue(clause[k]) >= 0)
                    {
                        clause[1] = clause[k];
                        clause[k] = falseLit;
                        Watch(clause[1], id);
                        moved = true;
                        break;
                    }
                }

                if (moved)
                {
                    continue;
                }

                watchers[keep++] = id;
                if (LiteralValue(clause[0]) < 0)
                {
                    for (w++; w < watchers.Count; w++)
                    {
                        watchers[keep++] = watchers[w];
                    }

                    watchers.RemoveRange(keep, watchers.Count - keep);
                    _propagated = _trail.Count;
                    return id;
                }

                Assign(clause[0], id);
            }

            watchers.RemoveRange(keep, watchers.Count - keep);
        }

        return -1;
    }

    /// <summary>
    /// Undoes every decision above <paramref name="level"/>, for a decider that revisits an earlier choice (libsolv's
    /// minimization step). Only valid from inside <see cref="ISatDecider.Decide"/>; the decider is told through
    /// <see cref="ISatDecider.Backtracked"/> as after a conflict.
    /// </summary>
    public void BacktrackTo(int level, ISatDecider decider)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, DecisionLevel);
        Backjump(level, decider);
    }

    private void Backjump(int level, ISatDecider decider)
    {
        int start = _levelStarts[level];
        for (int i = _trail.Count - 1; i >= start; i--)
        {
            int v = _trail[i] >> 1;
            _values[v] = 0;
            _reasons[v] = -1;
        }

        _trail.RemoveRange(start, _trail.Count - start);
        _levelStarts.RemoveRange(level, _levelStarts.Count - level);
        _propagated = Math.Min(_propagated, _trail.Count);
        _lowestHint = 1;
        decider.Backtracked(_trail.Count);
    }
}
