using Basalt.Solver.Sat;

namespace Basalt.Solver.Tests.Sat;

public sealed class SatSolverTests
{
    private sealed class LowestFalse : ISatDecider
    {
        public int Backtracks { get; private set; }

        public int Decide(SatSolver solver) => 0;

        public void Backtracked(int trailLength) => Backtracks++;
    }

    private static SatSolver Pigeonhole(int holes)
    {
        // holes+1 pigeons, each in some hole, no two in one hole: unsatisfiable, and needs real search.
        var sat = new SatSolver();
        int pigeons = holes + 1;
        for (int i = 0; i < pigeons * holes; i++)
        {
            sat.NewVariable();
        }

        int Var(int p, int h) => p * holes + h + 1;
        for (int p = 0; p < pigeons; p++)
        {
            sat.AddClause([.. Enumerable.Range(0, holes).Select(h => Var(p, h))]);
        }

        for (int h = 0; h < holes; h++)
        {
            for (int p = 0; p < pigeons; p++)
            {
                for (int q = p + 1; q < pigeons; q++)
                {
                    sat.AddClause([-Var(p, h), -Var(q, h)]);
                }
            }
        }

        return sat;
    }

    [Fact]
    public void Solve_Pigeonhole_IsUnsatisfiableWithACore()
    {
        var sat = Pigeonhole(5);
        var status = sat.Solve(new LowestFalse(), SatBudget.Default, TestContext.Current.CancellationToken);
        Assert.Equal(SatStatus.Unsatisfiable, status);
        Assert.True(sat.Conflicts > 0);
        Assert.NotEmpty(sat.UnsatCore);
    }

    [Fact]
    public void Solve_ConflictBudgetTooSmall_ReportsBudgetExceeded()
    {
        var sat = Pigeonhole(7);
        var status = sat.Solve(new LowestFalse(), new SatBudget(10, TimeSpan.FromMinutes(1)), TestContext.Current.CancellationToken);
        Assert.Equal(SatStatus.BudgetExceeded, status);
    }

    [Fact]
    public void Solve_Cancelled_Throws()
    {
        var sat = Pigeonhole(9);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Throws<OperationCanceledException>(() => sat.Solve(new LowestFalse(), SatBudget.Default, source.Token));
    }

    [Fact]
    public void Solve_ChainOfImplications_FindsModelByLearning()
    {
        // x1 must hold (unit); x1 -> x2 -> ... -> x6; and not(x6) or x7; decisions default to false and must be undone.
        var sat = new SatSolver();
        for (int i = 0; i < 8; i++)
        {
            sat.NewVariable();
        }

        sat.AddClause([8, 1]);
        sat.AddClause([-8, 1]);
        for (int i = 1; i < 6; i++)
        {
            sat.AddClause([-i, i + 1]);
        }

        sat.AddClause([-6, 7]);
        Assert.Equal(SatStatus.Satisfiable, sat.Solve(new LowestFalse(), SatBudget.Default, TestContext.Current.CancellationToken));
        for (int i = 1; i <= 7; i++)
        {
            Assert.Equal(1, sat.ValueOf(i));
        }
    }

    [Fact]
    public void AddClause_EmptyClause_CoreNamesIt()
    {
        var sat = new SatSolver();
        sat.NewVariable();
        sat.AddClause([1]);
        int empty = sat.AddClause([]);
        Assert.Equal(SatStatus.Unsatisfiable, sat.Solve(new LowestFalse(), SatBudget.Default, TestContext.Current.CancellationToken));
        Assert.Equal([empty], sat.UnsatCore);
    }
}
