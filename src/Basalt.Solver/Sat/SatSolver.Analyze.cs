namespace Basalt.Solver.Sat;

/// <summary>Conflict analysis (first unique implication point) and unsatisfiable-core extraction.</summary>
internal sealed partial class SatSolver
{
    private bool[] _seen = [];

    /// <summary>
    /// Resolves the conflict clause with the reasons of the current level's literals until one literal of the current
    /// level remains (the first UIP). Returns the learned clause (UIP first, then the literal of the highest other
    /// level), the clauses it was resolved from, and the level to jump back to.
    /// </summary>
    private (int[] Learned, int[] Antecedents, int Backjump) Analyze(int conflict)
    {
        if (_seen.Length <= _variableCount)
        {
            _seen = new bool[_values.Length];
        }

        int current = _levelStarts.Count;
        var learned = new List<int> { 0 };
        var antecedents = new List<int> { conflict };
        int pending = 0;
        int index = _trail.Count - 1;
        int uip = -1;
        var clause = _clauses[conflict];
        while (true)
        {
            foreach (int lit in clause)
            {
                int v = lit >> 1;
                if (uip >= 0 && lit == uip)
                {
                    continue;
                }

                if (_seen[v] || _levels[v] == 0)
                {
                    continue;
                }

                _seen[v] = true;
                if (_levels[v] == current)
                {
                    pending++;
                }
                else
                {
                    learned.Add(lit);
                }
            }

            while (!_seen[_trail[index] >> 1])
            {
                index--;
            }

            uip = _trail[index];
            _seen[uip >> 1] = false;
            index--;
            pending--;
            if (pending == 0)
            {
                break;
            }

            int reason = _reasons[uip >> 1];
            antecedents.Add(reason);
            clause = _clauses[reason];
        }

        learned[0] = uip ^ 1;
        int backjump = 0;
        int best = 1;
        for (int i = 1; i < learned.Count; i++)
        {
            int v = learned[i] >> 1;
            _seen[v] = false;
            if (_levels[v] > backjump)
            {
                backjump = _levels[v];
                best = i;
            }
        }

        if (learned.Count > 1)
        {
            (learned[1], learned[best]) = (learned[best], learned[1]);
        }

        return ([.. learned], [.. antecedents], backjump);
    }

    /// <summary>
    /// The original clauses a level-0 conflict rests on: the conflict clause, the reasons of every level-0 literal it
    /// depends on, and, for learned clauses, the clauses they were resolved from, recursively (level-0 literals are
    /// left out of learned clauses, so their reasons are found here through the clauses that mention them).
    /// </summary>
    private List<int> CoreFrom(int conflictId)
    {
        var visited = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(conflictId);
        var varsDone = new HashSet<int>();
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (id < 0 || !visited.Add(id))
            {
                continue;
            }

            foreach (int lit in _clauses[id])
            {
                int v = lit >> 1;
                if (_values[v] != 0 && _levels[v] == 0 && varsDone.Add(v))
                {
                    stack.Push(_reasons[v]);
                }
            }

            if (_antecedents[id] is { } parents)
            {
                foreach (int parent in parents)
                {
                    stack.Push(parent);
                }
            }
        }

        var core = visited.Where(id => id < _originalCount).ToList();
        core.Sort();
        return core;
    }
}
