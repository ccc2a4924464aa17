using static Basalt.Solver.Tests.TestPackages;

namespace Basalt.Solver.Tests.Ordering;

public sealed class InstallOrderTests
{
    [Fact]
    public void InstallOrder_Chain_PutsDependenciesFirst()
    {
        var result = Install(Available(
            "=Pkg: app 1 1 noarch", "=Req: lib",
            "=Pkg: lib 1 1 noarch", "=Req: base",
            "=Pkg: base 1 1 noarch"), "app");
        Assert.Equal(["base-1-1.noarch", "lib-1-1.noarch", "app-1-1.noarch"], Nevras(result.InstallOrder));
    }

    [Fact]
    public void InstallOrder_LoopWithOnePrerequisite_BreaksThePlainRequiresEdge()
    {
        // a Requires(pre) b, b Requires a: the plain edge b -> a is the weaker and is dropped, so b comes first.
        var result = Install(Available(
            "=Pkg: a 1 1 noarch", "=Prq: b",
            "=Pkg: b 1 1 noarch", "=Req: a"), "a");
        Assert.Equal(["b-1-1.noarch", "a-1-1.noarch"], Nevras(result.InstallOrder));

        var reversed = Install(Available(
            "=Pkg: a 1 1 noarch", "=Req: b",
            "=Pkg: b 1 1 noarch", "=Prq: a"), "a");
        Assert.Equal(["a-1-1.noarch", "b-1-1.noarch"], Nevras(reversed.InstallOrder));
    }

    [Fact]
    public void InstallOrder_IndependentPackages_AreLexical()
    {
        var result = Install(Available(
            "=Pkg: top 1 1 noarch", "=Req: zlib", "=Req: acl", "=Req: musl",
            "=Pkg: zlib 1 1 noarch", "=Pkg: acl 1 1 noarch", "=Pkg: musl 1 1 noarch"), "top");
        Assert.Equal(["acl-1-1.noarch", "musl-1-1.noarch", "zlib-1-1.noarch", "top-1-1.noarch"], Nevras(result.InstallOrder));
    }
}
