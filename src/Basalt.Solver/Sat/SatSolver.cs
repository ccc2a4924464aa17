namespace Basalt.Solver.Sat;

/// <summary>
/// A conflict-driven clause-learning SAT solver: two watched literals per clause, unit propagation, first-UIP
/// learning, non-chronological backjumping, no restarts and no randomness (the same input gives the same model).
/// Decisions come from an <see cref="ISatDecider"/>. Variables are 1-based; literals are DIMACS style (+v / -v) at
/// the API and encoded as 2v (true) / 2v+1 (false) inside.
/// </summary>
internal sealed partial class SatSolver
{
    private readonly List<int[]> _clauses = [];
    private readonly List<int[]?> _antecedents = [];    // for learned clauses: the clause ids they were resolved from
    private readonly List<List<int>?> _watches = [null, null, null];   // created on first use: most literals are never watched
    private sbyte[] _values = new sbyte[2];              // per variable: 1 true, -1 false, 0 unassigned
    private int[] _levels = new int[2];
    private int[] _reasons = new int[2];
    private readonly List<int> _trail = [];
    private readonly List<int> _levelStarts = [];
    private int _propagated;
    private int _variableCount;
    private int _originalCount;
    private int _emptyClause = -1;
    private int _level0Conflict = -1;
    private List<int>? _core;

    /// <summary>The number of variables.</summary>
    public int VariableCount => _variableCount;

    /// <summary>The number of clauses (original and learned).</summary>
    public int ClauseCount => _clauses.Count;

    /// <summary>The number of conflicts analysed by the last <see cref="Solve"/>.</summary>
    public long Conflicts { get; private set; }

    /// <summary>The number of decisions made by the last <see cref="Solve"/>.</summary>
    public long Decisions { get; private set; }

    /// <summary>The current decision level.</summary>
    public int DecisionLevel => _levelStarts.Count;

    /// <summary>The assigned literals in assignment order (DIMACS style).</summary>
    public int TrailLength => _trail.Count;

    /// <summary>After <see cref="SatStatus.Unsatisfiable"/>: the ids of original clauses that together have no model.</summary>
    public IReadOnlyList<int> UnsatCore => _core ?? [];

    /// <summary>Makes room for about this many variables and clauses, so that big problems do not regrow the tables.</summary>
    public void Reserve(int variables, int clauses)
    {
        _clauses.EnsureCapacity(clauses);
        _antecedents.EnsureCapacity(clauses);
        _watches.EnsureCapacity(2 * variables + 2);
        if (_values.Length < variables + 1)
        {
            Array.Resize(ref _values, variables + 1);
            Array.Resize(ref _levels, variables + 1);
            Array.Resize(ref _reasons, variables + 1);
        }
    }

    /// <summary>Adds a variable and returns its number (1-based).</summary>
    public int NewVariable()
    {
        _variableCount++;
        if (_variableCount >= _values.Length)
        {
            int size = _values.Length * 2;
            Array.Resize(ref _values, size);
            Array.Resize(ref _levels, size);
            Array.Resize(ref _reasons, size);
        }

        _watches.Add(null);
        _watches.Add(null);
        return _variableCount;
    }

    /// <summary>The decision level at which <paramref name="variable"/> was assigned (meaningless while unassigned).</summary>
    public int LevelOf(int variable) => _levels[variable];

    /// <summary>The literal at trail position <paramref name="index"/> (DIMACS style).</summary>
    public int TrailAt(int index) => Decode(_trail[index]);

    /// <summary>1 when the DIMACS literal is true, -1 when false, 0 when unassigned.</summary>
    public int ValueOf(int literal)
    {
        int v = Math.Abs(literal);
        int value = _values[v];
        return literal > 0 ? value : -value;
    }

    /// <summary>The literals of clause <paramref name="id"/> (DIMACS style).</summary>
    public int[] ClauseLiterals(int id) => Array.ConvertAll(_clauses[id], Decode);

    /// <summary>The literals of clause <paramref name="id"/> without copying (the order changes while solving).</summary>
    public ClauseView ClauseLiteralsView(int id) => new(_clauses[id]);

    /// <summary>
    /// Adds a clause of DIMACS literals before solving and returns its id (ids count up from 0). Duplicate literals
    /// are dropped; an empty clause makes the problem unsatisfiable.
    /// </summary>
    public int AddClause(ReadOnlySpan<int> literals)
    {
        if (_trail.Count != 0 && _levelStarts.Count != 0)
        {
            throw new InvalidOperationException("Clauses can be added only before solving.");
        }

        var encoded = new int[literals.Length];
        int count = 0;
        bool tautology = false;
        foreach (int literal in literals)
        {
            int v = Math.Abs(literal);
            if (literal == 0 || v > _variableCount)
            {
                throw new ArgumentOutOfRangeException(nameof(literals), $"Literal {literal} names no variable.");
            }

            int lit = Encode(literal);
            var seen = encoded.AsSpan(0, count);
            if (seen.Contains(lit))
            {
                continue;
            }

            tautology |= seen.Contains(lit ^ 1);
            encoded[count++] = lit;
        }

        int id = _clauses.Count;
        var clause = count == encoded.Length ? encoded : encoded[..count];
        _clauses.Add(clause);
        _antecedents.Add(null);
        _originalCount = _clauses.Count;
        if (tautology)
        {
            return id;
        }

        if (clause.Length == 0)
        {
            _emptyClause = _emptyClause < 0 ? id : _emptyClause;
        }
        else if (clause.Length == 1)
        {
            // Units go straight onto the level-0 trail; a contradicting unit makes the problem unsatisfiable.
            int value = LiteralValue(clause[0]);
            if (value == 0)
            {
                Assign(clause[0], id);
            }
            else if (value < 0 && _level0Conflict < 0)
            {
                _level0Conflict = id;
            }
        }
        else
        {
            Watch(clause[0], id);
            Watch(clause[1], id);
        }

        return id;
    }

    private void Watch(int lit, int id) => (_watches[lit] ??= new List<int>(4)).Add(id);

    private static int Encode(int literal) => literal > 0 ? literal << 1 : ((-literal) << 1) | 1;

    private static int Decode(int lit) => (lit & 1) == 0 ? lit >> 1 : -(lit >> 1);

    private int LiteralValue(int lit)
    {
        int value = _values[lit >> 1];
        return (lit & 1) == 0 ? value : -value;
    }

    private void Assign(int lit, int reason)
    {
        int v = lit >> 1;
        _values[v] = (sbyte)((lit & 1) == 0 ? 1 : -1);
        _levels[v] = _levelStarts.Count;
        _reasons[v] = reason;
        _trail.Add(lit);
    }
}

/// <summary>The literals of one clause, decoded to DIMACS style while enumerating (no allocation).</summary>
internal readonly struct ClauseView(int[] literals)
{
    public Enumerator GetEnumerator() => new(literals);

    public int Count => literals.Length;

    /// <summary>Enumerates the decoded literals.</summary>
    public struct Enumerator(int[] literals)
    {
        private int _index = -1;

        public readonly int Current => (literals[_index] & 1) == 0 ? literals[_index] >> 1 : -(literals[_index] >> 1);

        public bool MoveNext() => ++_index < literals.Length;
    }
}
