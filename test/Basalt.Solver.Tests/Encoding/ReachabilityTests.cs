using static Basalt.Solver.Tests.TestPackages;

namespace Basalt.Solver.Tests.Encoding;

/// <summary>
/// Rules only for the packages the job can reach (libsolv adds package rules the same way). Expected answers are
/// testsolv's (libsolv 0.7.23) on the same packages: "job install name app", then "app" and "de" together.
/// </summary>
public sealed class ReachabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Weak =
    [
        "=Pkg: app 1 1 noarch",
        "=Pkg: lib 1 1 noarch",
        "=Pkg: s1 1 1 noarch", "=Sup: app", "=Req: lib",
        "=Pkg: s2 1 1 noarch", "=Sup: lib",
        "=Pkg: s3 1 1 noarch", "=Sup: other",
        "=Pkg: lang 1 1 noarch", "=Sup: app & de",
        "=Pkg: de 1 1 noarch",
        "=Pkg: new 1 1 noarch", "=Obs: app", "=Con: lib",
    ];

    [Fact]
    public void Solve_SupplementsOfSupplementsClosure_InstallsTheWholeChain()
    {
        // s2 supplements lib, which only s1 (supplementing app) brings in: the weak pass must reach it too.
        Assert.Equal(["app-1-1.noarch", "lib-1-1.noarch", "s1-1-1.noarch", "s2-1-1.noarch"], Nevras(Install(Available(Weak), "app").Packages));
    }

    [Fact]
    public void Solve_RichSupplementsOverTwoJobs_InstallsTheLangpack()
    {
        Assert.Equal(["app-1-1.noarch", "de-1-1.noarch", "lang-1-1.noarch", "lib-1-1.noarch", "s1-1-1.noarch", "s2-1-1.noarch"],
            Nevras(Install(Available(Weak), "app", "de").Packages));
    }

    [Fact]
    public void Solve_WeakDependenciesOff_NothingSupplementingIsReached()
    {
        var resolution = PackageSolver.Solve(Available(Weak), [], [SolverJob.InstallName("app")],
            new SolverOptions { Architectures = ["noarch"], InstallWeakDependencies = false }, Ct);
        Assert.Equal(["app-1-1.noarch"], Nevras(resolution.Packages));
        Assert.Equal(1, resolution.Statistics.Clauses); // the job alone: app has no dependencies
    }

    [Fact]
    public void Solve_ManyUnrelatedPackages_EncodesOnlyWhatTheJobReaches()
    {
        // 300 packages the job never meets, each with a requires, a conflict with what the job installs and an
        // obsoletes of it: none of them can change the answer, so none gets a clause.
        var lines = new List<string> { "=Pkg: app 1 1 noarch", "=Req: lib", "=Pkg: lib 1 1 noarch", "=Pkg: lib 2 1 noarch" };
        for (int i = 0; i < 300; i++)
        {
            lines.AddRange([$"=Pkg: u{i} 1 1 noarch", $"=Req: u{(i + 1) % 300}", "=Con: lib", "=Obs: app"]);
        }

        var resolution = PackageSolver.Solve(Available([.. lines]), [], [SolverJob.InstallName("app")],
            new SolverOptions { Architectures = ["noarch"] }, Ct);
        Assert.Equal(["app-1-1.noarch", "lib-2-1.noarch"], Nevras(resolution.Packages));
        // The job, app's requires and the pair of lib versions.
        Assert.Equal(3, resolution.Statistics.Clauses);
        Assert.Equal(303, resolution.Statistics.Variables);
    }
}
