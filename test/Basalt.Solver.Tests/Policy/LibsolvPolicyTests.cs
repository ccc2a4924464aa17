using static Basalt.Solver.Tests.TestPackages;

namespace Basalt.Solver.Tests.Policy;

/// <summary>
/// The rules Basalt takes from libsolv 0.7.23 (docs/solver.md, "Policy"). Each expected answer is testsolv's for
/// "job install name …" on the same packages (written as testtags).
/// </summary>
public sealed class LibsolvPolicyTests
{
    // sort_by_common_dep: the provider of the higher "cap" version goes first; an unversioned "cap" counts for nothing,
    // so it neither wins nor stops the comparison (c, not the lexically first b or the unversioned d).
    [Fact]
    public void Solve_ProvidersOfVersionedCapability_PrefersHigherProvidedVersion()
    {
        var available = Available(
            "=Pkg: a 1 1 noarch", "=Req: cap",
            "=Pkg: b 1 1 noarch", "=Prv: cap = 1.0",
            "=Pkg: c 1 1 noarch", "=Prv: cap = 2.0",
            "=Pkg: d 1 1 noarch", "=Prv: cap");
        Assert.Equal(["a-1-1.noarch", "c-1-1.noarch"], Nevras(Install(available, "a").Packages));
    }

    // dislike_old_versions compares with the same name and architecture only: aa-1.0.x86_64 is not old next to
    // aa-2.0.noarch, so the name order picks it; next to aa-2.0 of its own architecture it loses to bb.
    [Theory]
    [InlineData("noarch", "aa-1.0-1.x86_64")]
    [InlineData("x86_64", "bb-1.0-1.noarch")]
    public void Solve_OldVersionOfName_LosesOnlyToNewerOfSameArchitecture(string newerArch, string expected)
    {
        var available = Available(
            "=Pkg: app 1 1 noarch", "=Req: cap",
            "=Pkg: aa 1.0 1 x86_64", "=Prv: cap",
            $"=Pkg: aa 2.0 1 {newerArch}",
            "=Pkg: bb 1.0 1 noarch", "=Prv: cap");
        Assert.Equal(new[] { "app-1-1.noarch", expected }.Order(StringComparer.Ordinal), Nevras(Install(available, "app").Packages));
    }

    // The minimization step: aa was picked for cap, but bb came in anyway (aa requires cc, cc requires bb), so libsolv
    // goes back to that choice, takes bb, and aa and cc are no longer needed.
    [Fact]
    public void Solve_AlternativeInstalledAnyway_MinimizesToIt()
    {
        var available = Available(
            "=Pkg: app 1 1 noarch", "=Req: cap",
            "=Pkg: aa 1 1 noarch", "=Prv: cap", "=Req: cc",
            "=Pkg: bb 1 1 noarch", "=Prv: cap",
            "=Pkg: cc 1 1 noarch", "=Req: bb");
        Assert.Equal(["app-1-1.noarch", "bb-1-1.noarch"], Nevras(Install(available, "app").Packages).Order(StringComparer.Ordinal));
    }

    // Requirements with one candidate are decided before those with several: zz and yy come first, and yy's conflict
    // leaves bb for cap.
    [Fact]
    public void Solve_SingleCandidateRequirementsFirst_ChoiceSeesTheirConflicts()
    {
        var available = Available(
            "=Pkg: app 1 1 noarch", "=Req: cap", "=Req: zz",
            "=Pkg: aa 1 1 noarch", "=Prv: cap",
            "=Pkg: bb 1 1 noarch", "=Prv: cap",
            "=Pkg: zz 1 1 noarch", "=Req: yy",
            "=Pkg: yy 1 1 noarch", "=Con: aa");
        Assert.Equal(["app-1-1.noarch", "bb-1-1.noarch", "yy-1-1.noarch", "zz-1-1.noarch"],
            Nevras(Install(available, "app").Packages).Order(StringComparer.Ordinal));
    }

    // libsolv's CNF folds the operand nobody provides (zz) to false, which leaves "(bb if cc) and (dd unless ee)":
    // dd is installed and cc is simply left out (the old helper encoding offered cc, then needed bb).
    [Fact]
    public void Solve_RichUnlessElseWithImpossibleBranch_TakesTheOtherBranch()
    {
        var available = Available(
            "=Pkg: a 1 1 noarch", "=Req: (zz <UNLESS> yy) <UNLESS> ((bb <IF> cc) <ELSE> (dd <UNLESS> ee))",
            "=Pkg: yy 1 1 noarch", "=Pkg: bb 1 1 noarch", "=Pkg: cc 1 1 noarch", "=Pkg: dd 1 1 noarch", "=Pkg: ee 1 1 noarch");
        Assert.Equal(["a-1-1.noarch", "dd-1-1.noarch"], Nevras(Install(available, "a").Packages));
    }

    // A rich Recommends offers every package of its CNF blocks: "(bb if cc else dd)" is "(bb or not cc) and (cc or dd)",
    // so libsolv installs cc (first block pair), and then bb.
    [Fact]
    public void Solve_RichRecommendsIfElse_InstallsConditionThenConsequence()
    {
        var available = Available(
            "=Pkg: a 1 1 noarch", "=Rec: bb <IF> (cc <ELSE> dd)",
            "=Pkg: bb 1 1 noarch", "=Pkg: cc 1 1 noarch", "=Pkg: dd 1 1 noarch");
        Assert.Equal(["a-1-1.noarch", "bb-1-1.noarch", "cc-1-1.noarch"], Nevras(Install(available, "a").Packages));
    }

    // A rich conflict whose only hit is the package itself is ignored; one that needs another package too is not.
    [Fact]
    public void Solve_RichConflictWithItself_IgnoredAloneButNotCombined()
    {
        var alone = Available(
            "=Pkg: a 1 1 noarch", "=Req: p3",
            "=Pkg: p3 1.0 1 noarch", "=Con: p4 >= 1.2 | p3 >= 1.0 | p3",
            "=Pkg: p4 1.2 1 noarch");
        Assert.Equal(["a-1-1.noarch", "p3-1.0-1.noarch"], Nevras(Install(alone, "a").Packages));

        var combined = Available(
            "=Pkg: a 1 1 noarch", "=Req: p3", "=Req: x",
            "=Pkg: p3 1.0 1 noarch", "=Con: p3 & x",
            "=Pkg: x 1 1 noarch");
        Assert.False(Install(combined, "a").Succeeded);
    }

    // libsolv visits requirements in the order of its rules, sorted by solvable number: the requirement of the package
    // given later comes first and takes the preferred provider, and the other one has to avoid its conflict.
    [Theory]
    [InlineData(true, "a2-1-1.noarch", "b1-1-1.noarch")]
    [InlineData(false, "a1-1-1.noarch", "b2-1-1.noarch")]
    public void Solve_TwoChoicesThatConflict_LaterPackageChoosesFirst(bool pAFirst, string expectedA, string expectedB)
    {
        string[] pA = ["=Pkg: pA 1 1 noarch", "=Req: X"];
        string[] pB = ["=Pkg: pB 1 1 noarch", "=Req: Y"];
        var available = Available([.. pAFirst ? pA : pB, .. pAFirst ? pB : pA,
            "=Pkg: a1 1 1 noarch", "=Prv: X", "=Con: b1",
            "=Pkg: a2 1 1 noarch", "=Prv: X",
            "=Pkg: b1 1 1 noarch", "=Prv: Y",
            "=Pkg: b2 1 1 noarch", "=Prv: Y"]);
        Assert.Equal([expectedA, expectedB, "pA-1-1.noarch", "pB-1-1.noarch"], Nevras(Install(available, "pA", "pB").Packages));
    }
}
