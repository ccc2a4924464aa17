using static Basalt.Solver.Tests.TestPackages;

namespace Basalt.Solver.Tests.Explain;

public sealed class ProblemExplainerTests
{
    [Fact]
    public void Explain_MissingCapability_SaysNothingProvides()
    {
        var result = Install(Available("=Pkg: X 1 1 noarch", "=Req: Y >= 2"), "X");
        Assert.False(result.Succeeded);
        Assert.Equal("Problem: nothing provides Y >= 2 needed by X-1-1.noarch", result.Problems[0].ToString());
    }

    [Fact]
    public void Explain_MissingJobTarget_SaysNothingProvidesRequested()
    {
        var result = Install(Available("=Pkg: X 1 1 noarch"), "Z");
        Assert.Equal("Problem: nothing provides requested Z", result.Problems[0].ToString());
    }

    [Fact]
    public void Explain_ChainEndingInMissingCapability_NamesEveryLink()
    {
        var result = Install(Available(
            "=Pkg: A 1 1 noarch", "=Req: B",
            "=Pkg: B 1 1 x86_64", "=Req: libc.so.7",
            "=Pkg: C 1 1 noarch"), "A");
        Assert.Equal(
            "Problem: nothing provides libc.so.7 needed by B-1-1.x86_64\n"
            + "  - package A-1-1.noarch requires B, but none of the providers can be installed",
            result.Problems[0].ToString());
    }

    [Fact]
    public void Explain_ProviderConflicts_NamesTheConflict()
    {
        var result = Install(Available(
            "=Pkg: A 1 1 noarch", "=Req: web-server", "=Req: C",
            "=Pkg: B 2 1 noarch", "=Prv: web-server", "=Con: C < 2",
            "=Pkg: C 1 1 noarch"), "A");
        Assert.Equal(
            "Problem: package A-1-1.noarch requires web-server, but none of the providers can be installed\n"
            + "  - package A-1-1.noarch requires C, but none of the providers can be installed\n"
            + "  - package B-2-1.noarch conflicts with C < 2 provided by C-1-1.noarch",
            result.Problems[0].ToString());
    }

    [Fact]
    public void Explain_TwoJobsOneObsoletesTheOther_SaysObsoletesAndConflictingRequests()
    {
        var result = Install(Available(
            "=Pkg: new 1 1 noarch", "=Obs: old",
            "=Pkg: old 1 1 noarch"), "new", "old");
        Assert.Equal(
            "Problem: package new-1-1.noarch obsoletes old provided by old-1-1.noarch\n  - conflicting requests",
            result.Problems[0].ToString());
    }

    [Fact]
    public void Explain_TwoVersionsOfOneName_SaysCannotInstallBoth()
    {
        var available = Available("=Pkg: A 1 1 noarch", "=Pkg: A 2 1 noarch");
        var result = PackageSolver.Solve(available, [], [SolverJob.InstallNevra("A-1-1.noarch"), SolverJob.InstallNevra("A-2-1.noarch")],
            new SolverOptions(), TestContext.Current.CancellationToken);
        Assert.Equal(
            "Problem: cannot install both A-2-1.noarch and A-1-1.noarch\n  - conflicting requests",
            result.Problems[0].ToString());
    }
}
