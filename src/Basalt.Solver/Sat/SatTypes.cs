namespace Basalt.Solver.Sat;

/// <summary>The outcome of <see cref="SatSolver.Solve"/>.</summary>
internal enum SatStatus
{
    /// <summary>Every clause is satisfied by the model.</summary>
    Satisfiable,
    /// <summary>No assignment satisfies the clauses; <see cref="SatSolver.UnsatCore"/> names the clauses involved.</summary>
    Unsatisfiable,
    /// <summary>The conflict or time budget ran out before an answer.</summary>
    BudgetExceeded,
}

/// <summary>Limits on one search: it stops with <see cref="SatStatus.BudgetExceeded"/> when either runs out.</summary>
/// <param name="MaxConflicts">The most conflicts to analyse.</param>
/// <param name="MaxTime">The longest wall-clock time to search.</param>
internal sealed record SatBudget(long MaxConflicts, TimeSpan MaxTime)
{
    /// <summary>Generous limits for package problems: they solve in far fewer conflicts.</summary>
    public static SatBudget Default { get; } = new(1_000_000, TimeSpan.FromMinutes(2));
}

/// <summary>
/// Steers the search the way libsolv's rule layer does: the caller picks the next literal to decide. Decisions are
/// only suggestions: conflicts undo them and learned clauses rule bad ones out, so the search stays complete.
/// </summary>
internal interface ISatDecider
{
    /// <summary>
    /// The next literal (DIMACS style: +v or -v) to make true, over an unassigned variable; 0 lets the solver assign
    /// the lowest unassigned variable false. Also asked once every variable is assigned: 0 accepts the model, while a
    /// decider that went back to an earlier choice (<see cref="SatSolver.BacktrackTo"/>) returns its new decision.
    /// </summary>
    int Decide(SatSolver solver);

    /// <summary>The solver undid every assignment at trail positions from <paramref name="trailLength"/> on.</summary>
    void Backtracked(int trailLength);
}
