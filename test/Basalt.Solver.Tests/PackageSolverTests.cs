using Basalt.Packaging;
using static Basalt.Solver.Tests.TestPackages;

namespace Basalt.Solver.Tests;

public sealed class PackageSolverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Solve_Alternatives_PicksLexicallyFirstName()
    {
        // testsolv (libsolv 0.7.23) and dnf both pick "bbb" here: name length plays no part.
        var twoNames = Available("=Pkg: a 1 1 noarch", "=Req: cap", "=Pkg: zz 1 1 noarch", "=Prv: cap", "=Pkg: bbb 1 1 noarch", "=Prv: cap");
        Assert.Equal(["a-1-1.noarch", "bbb-1-1.noarch"], Nevras(Install(twoNames, "a").Packages));

        var available = Available(
            "=Pkg: app 1 1 noarch", "=Req: mta",
            "=Pkg: postfix 1 1 noarch", "=Prv: mta",
            "=Pkg: exim 1 1 noarch", "=Prv: mta",
            "=Pkg: ssmtp 1 1 noarch", "=Prv: mta");
        Assert.Equal(["app-1-1.noarch", "exim-1-1.noarch"], Nevras(Install(available, "app").Packages));

        // A package named like the requirement gets no preference: testsolv still installs exim.
        available.AddRange(Available("=Pkg: mta 1 1 noarch"));
        Assert.Equal(["app-1-1.noarch", "exim-1-1.noarch"], Nevras(Install(available, "app").Packages));
    }

    [Fact]
    public void Solve_Versions_PicksNewestThatFits()
    {
        var available = Available(
            "=Pkg: app 1 1 noarch", "=Req: lib < 3",
            "=Pkg: lib 1 1 noarch", "=Pkg: lib 2 1 noarch", "=Pkg: lib 3 1 noarch");
        Assert.Equal(["app-1-1.noarch", "lib-2-1.noarch"], Nevras(Install(available, "app").Packages));
    }

    [Fact]
    public void Solve_WeakDependencies_InstalledByDefaultAndSwitchedOff()
    {
        var available = Available(
            "=Pkg: app 1 1 noarch", "=Rec: docs",
            "=Pkg: docs 1 1 noarch",
            "=Pkg: lang 1 1 noarch", "=Sup: app",
            "=Pkg: broken 1 1 noarch", "=Sup: app", "=Req: missing");
        Assert.Equal(["app-1-1.noarch", "docs-1-1.noarch", "lang-1-1.noarch"], Nevras(Install(available, "app").Packages));

        var noWeak = PackageSolver.Solve(available, [], [SolverJob.InstallName("app")], new SolverOptions { Architectures = ["noarch"], InstallWeakDependencies = false }, Ct);
        Assert.Equal(["app-1-1.noarch"], Nevras(noWeak.Packages));
    }

    [Fact]
    public void Solve_Architectures_NoMultilibByDefault()
    {
        var available = Available("=Pkg: lib 1 1 i686", "=Pkg: lib 1 1 x86_64", "=Pkg: tool 1 1 aarch64");
        var result = PackageSolver.Solve(available, [], [SolverJob.InstallName("lib")], new SolverOptions(), Ct);
        Assert.Equal(["lib-1-1.x86_64"], Nevras(result.Packages));
        Assert.False(PackageSolver.Solve(available, [], [SolverJob.InstallName("tool")], new SolverOptions(), Ct).Succeeded);
    }

    [Fact]
    public void Solve_ExcludesAndPins_RemoveCandidates()
    {
        var available = Available("=Pkg: kernel 5 1 noarch", "=Pkg: kernel 6 1 noarch", "=Pkg: kernel-debug 6 1 noarch", "=Prv: kernel");
        var pinned = PackageSolver.Solve(available, [], [SolverJob.InstallName("kernel")],
            new SolverOptions { VersionPins = [new Dependency("kernel", DependencyFlags.Less, "6")] }, Ct);
        Assert.Equal(["kernel-5-1.noarch"], Nevras(pinned.Packages));

        var excluded = PackageSolver.Solve(available, [], [SolverJob.InstallProvides(new Dependency("kernel", DependencyFlags.Greater | DependencyFlags.Equal, "6"))],
            new SolverOptions { Excludes = ["kernel-*"] }, Ct);
        Assert.Equal(["kernel-6-1.noarch"], Nevras(excluded.Packages));
    }

    [Fact]
    public void Solve_RepositoryPriority_BetterPriorityMasksNewerVersion()
    {
        var stable = Parse("stable", "=Pkg: tool 1 1 noarch").ConvertAll(p => p with { RepositoryPriority = 10 });
        var testing = Parse("testing", "=Pkg: tool 2 1 noarch", "=Pkg: extra 1 1 noarch");
        var result = PackageSolver.Solve([.. stable, .. testing], [], [SolverJob.InstallName("tool"), SolverJob.InstallName("extra")], new SolverOptions(), Ct);
        Assert.Equal(["extra-1-1.noarch@testing", "tool-1-1.noarch@stable"], result.Packages.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void Solve_OntoInstalledSet_KeepsInstalledAndUpgradesWhenAJobNeedsIt()
    {
        var installed = Parse("@System", "=Pkg: glibc 1 1 x86_64", "=Pkg: bash 1 1 x86_64", "=Req: glibc");
        var available = Available(
            "=Pkg: glibc 2 1 x86_64",
            "=Pkg: vim 1 1 x86_64", "=Req: glibc >= 2",
            "=Pkg: nano 1 1 x86_64", "=Req: glibc");
        var nano = PackageSolver.Solve(available, installed, [SolverJob.InstallName("nano")], new SolverOptions(), Ct);
        Assert.Equal(["nano-1-1.x86_64"], Nevras(nano.Installs));
        Assert.Empty(nano.Removals);

        var vim = PackageSolver.Solve(available, installed, [SolverJob.InstallName("vim")], new SolverOptions(), Ct);
        Assert.Equal(["glibc-2-1.x86_64", "vim-1-1.x86_64"], Nevras(vim.Installs));
        Assert.Equal(["glibc-1-1.x86_64"], Nevras(vim.Removals));
        Assert.Equal(["bash-1-1.x86_64", "glibc-2-1.x86_64", "vim-1-1.x86_64"], Nevras(vim.Packages));
    }

    [Fact]
    public void Solve_FileAndRichDependencies_AreMet()
    {
        var available = Available(
            "=Pkg: app 1 1 noarch", "=Req: /usr/bin/python3", "=Req: (gui-toolkit <IF> desktop)",
            "=Pkg: python3 3 1 noarch", "=Fls: /usr/bin/python3",
            "=Pkg: desktop 1 1 noarch",
            "=Pkg: gui-toolkit 1 1 noarch");
        Assert.Equal(["app-1-1.noarch", "python3-3-1.noarch"], Nevras(Install(available, "app").Packages));
        Assert.Equal(["app-1-1.noarch", "desktop-1-1.noarch", "gui-toolkit-1-1.noarch", "python3-3-1.noarch"],
            Nevras(Install(available, "app", "desktop").Packages));
    }

    [Fact]
    public void Solve_TinyConflictBudget_ThrowsResolutionException()
    {
        // Six slots to fill from five mutually exclusive "holes": a pigeonhole problem, which needs conflicts to refute.
        var lines = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            for (int h = 0; h < 5; h++)
            {
                lines.AddRange([$"=Pkg: p{i}h{h} 1 1 noarch", $"=Prv: slot{i}", $"=Prv: hole{h}", $"=Con: hole{h}"]);
            }
        }

        lines.AddRange(["=Pkg: top 1 1 noarch", .. Enumerable.Range(0, 6).Select(i => $"=Req: slot{i}")]);
        Assert.False(PackageSolver.Solve(Available([.. lines]), [], [SolverJob.InstallName("top")], new SolverOptions(), Ct).Succeeded);
        var error = Assert.Throws<ResolutionException>(() => PackageSolver.Solve(Available([.. lines]), [], [SolverJob.InstallName("top")],
            new SolverOptions { MaxConflicts = 0 }, Ct));
        Assert.Contains("gave up after", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_SameInputTwice_SameAnswer()
    {
        var available = Available(
            "=Pkg: app 1 1 noarch", "=Req: a | b", "=Req: c",
            "=Pkg: a 1 1 noarch", "=Con: c",
            "=Pkg: b 1 1 noarch",
            "=Pkg: c 1 1 noarch", "=Pkg: c 2 1 noarch");
        var first = Install(available, "app");
        var second = Install(Enumerable.Reverse(available).ToList(), "app");
        Assert.Equal(Nevras(first.Packages), Nevras(second.Packages));
        Assert.Equal(["app-1-1.noarch", "b-1-1.noarch", "c-2-1.noarch"], Nevras(first.Packages));
    }
}
