using static Basalt.Solver.Tests.TestPackages;

namespace Basalt.Solver.Tests;

/// <summary>
/// Obsoletes in the choice among candidates: libsolv drops a candidate that another candidate obsoletes, and dnf's
/// "install NAME" adds the packages that obsolete NAME to the job. Expected answers are testsolv's (libsolv 0.7.23)
/// and dnf 4.14's on the same packages; test/Basalt.EndToEnd.Tests/Resolution checks the job rule against dnf itself.
/// "lib" sorts before "newlib", so without the obsoletes rule the name order would pick "lib".
/// </summary>
public sealed class ObsoletesPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly SolverOptions NoarchOnly = new() { Architectures = ["noarch"] };

    private static readonly string[] Replaced =
    [
        "=Pkg: lib 1 1 noarch", "=Prv: cap",
        "=Pkg: newlib 1 1 noarch", "=Prv: cap", "=Obs: lib",
        "=Pkg: app 1 1 noarch", "=Req: cap",
    ];

    [Fact]
    public void Solve_ProviderObsoletedByAnotherProvider_ChoosesTheObsoleting()
    {
        // testsolv: "job install name app" installs newlib.
        Assert.Equal(["app-1-1.noarch", "newlib-1-1.noarch"], Nevras(Install(Available(Replaced), "app").Packages));
    }

    [Fact]
    public void Solve_ObsoletesOutOfRange_KeepsTheNameOrder()
    {
        // testsolv: with "Obsoletes: lib < 1" lib-1 is not obsoleted, so the name order picks it.
        var available = Available(
            "=Pkg: lib 1 1 noarch", "=Prv: cap",
            "=Pkg: newlib 1 1 noarch", "=Prv: cap", "=Obs: lib < 1",
            "=Pkg: app 1 1 noarch", "=Req: cap");
        Assert.Equal(["app-1-1.noarch", "lib-1-1.noarch"], Nevras(Install(available, "app").Packages));
    }

    [Fact]
    public void Solve_InstallNameOrObsoleting_InstallsTheObsoletingPackage()
    {
        // dnf install lib: "Package lib is obsoleted by newlib, trying to install newlib instead".
        var result = PackageSolver.Solve(Available(Replaced), [], [SolverJob.InstallNameOrObsoleting("lib")], NoarchOnly, Ct);
        Assert.Equal(["newlib-1-1.noarch"], Nevras(result.Installs));
    }

    [Fact]
    public void Solve_InstallName_InstallsTheNameAsLibsolvDoes()
    {
        // testsolv's "job install name lib" selects by name only.
        var result = PackageSolver.Solve(Available(Replaced), [], [SolverJob.InstallName("lib")], NoarchOnly, Ct);
        Assert.Equal(["lib-1-1.noarch"], Nevras(result.Installs));
    }

    [Fact]
    public void Solve_InstallNameOrObsoletingWhenObsoletingCannotInstall_FallsBackToTheName()
    {
        var available = Available(
            "=Pkg: lib 1 1 noarch",
            "=Pkg: newlib 1 1 noarch", "=Obs: lib", "=Req: missing");
        var result = PackageSolver.Solve(available, [], [SolverJob.InstallNameOrObsoleting("lib")], NoarchOnly, Ct);
        Assert.Equal(["lib-1-1.noarch"], Nevras(result.Installs));
    }

    [Theory]
    [InlineData("lib", true)]
    [InlineData("lib >= 1", false)]
    [InlineData("lib-1-1.noarch", false)]
    [InlineData("cap", false)]
    public void Parse_Argument_AddsObsoletingOnlyToABareName(string argument, bool orObsoleting)
    {
        // dnf (hawkey's Subject) adds obsoleting packages only when the argument is just a name.
        var job = JobParser.Parse(argument, new HashSet<string> { "lib", "newlib", "app" }, new HashSet<string> { "lib-1-1.noarch" });
        Assert.Equal(orObsoleting, job.OrObsoleting);
        var result = PackageSolver.Solve(Available(Replaced), [], [job], NoarchOnly, Ct);
        Assert.Equal(orObsoleting || argument == "cap" ? ["newlib-1-1.noarch"] : ["lib-1-1.noarch"], Nevras(result.Installs));
    }
}
