using static Basalt.Solver.Tests.TestPackages;

namespace Basalt.Solver.Tests.Policy;

/// <summary>
/// The choice among the operands of a rich dependency: libsolv ranks the providers of every operand of a clause
/// together with its usual policy (newest of its name, then the name order), whatever order the operands are written
/// in. Each expected answer is testsolv's (libsolv 0.7.23) for "job install name a" on the same packages.
/// </summary>
public sealed class RichOrPolicyTests
{
    [Theory]
    [InlineData("p8 | p59", new[] { "p8 1 1", "p59 1 1" }, new[] { "p59-1-1.noarch" })]
    [InlineData("p59 | p8", new[] { "p8 1 1", "p59 1 1" }, new[] { "p59-1-1.noarch" })]
    [InlineData("zz | aa", new[] { "zz 1 1", "aa 1 1" }, new[] { "aa-1-1.noarch" })]
    [InlineData("p8 | p59", new[] { "p8 1 1", "p8 2 1", "p59 1 1" }, new[] { "p59-1-1.noarch" })]
    [InlineData("p8 | p59", new[] { "p8 1 1", "p59 2 1" }, new[] { "p59-2-1.noarch" })]
    [InlineData("zz | (yy & aa) | bb", new[] { "zz 1 1", "yy 1 1", "aa 1 1", "bb 1 1" }, new[] { "bb-1-1.noarch" })]
    [InlineData("zz <IF> (yy <ELSE> aa)", new[] { "zz 1 1", "yy 1 1", "aa 1 1" }, new[] { "aa-1-1.noarch" })]
    [InlineData("aa <IF> (yy <ELSE> zz)", new[] { "zz 1 1", "yy 1 1", "aa 1 1" }, new[] { "aa-1-1.noarch", "yy-1-1.noarch" })]
    [InlineData("mm <UNLESS> (bb <ELSE> aa)", new[] { "mm 1 1", "bb 1 1", "aa 1 1" }, new[] { "aa-1-1.noarch", "bb-1-1.noarch" })]
    public void Solve_RichRequiresWithAlternatives_RanksAllOperandsTogether(string requires, string[] packages, string[] expected)
    {
        var available = Available(["=Pkg: a 1 1 noarch", $"=Req: {requires}", .. packages.Select(p => $"=Pkg: {p} noarch")]);
        Assert.Equal(["a-1-1.noarch", .. expected], Nevras(Install(available, "a").Packages));
    }

    // The condition (qq if bb else cc) can be made false by installing bb (without qq) or by leaving bb and cc out:
    // libsolv leaves them out, so Basalt prefers a helper that only keeps packages out to installing a provider.
    [Theory]
    [InlineData("(mm & nn) <IF> (qq <IF> (bb <ELSE> cc))", new[] { "qq 1 1", "bb 1 1", "cc 1 1" })]
    [InlineData("(mm & nn) <IF> (qq <IF> (bb <ELSE> cc))", new[] { "qq 1 1", "bb 1 1", "cc 1 1", "mm 1 1", "nn 1 1" })]
    [InlineData("zz <IF> (qq <IF> (bb <ELSE> cc))", new[] { "qq 1 1", "bb 1 1", "cc 1 1", "zz 1 1" })]
    public void Solve_RichRequiresMetByLeavingPackagesOut_InstallsNothingMore(string requires, string[] packages)
    {
        var available = Available(["=Pkg: a 1 1 noarch", $"=Req: {requires}", .. packages.Select(p => $"=Pkg: {p} noarch")]);
        Assert.Equal(["a-1-1.noarch"], Nevras(Install(available, "a").Packages));
    }
}
