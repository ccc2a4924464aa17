using Basalt.Packaging.Model;
using Basalt.Solver.Tests.Testcases;

namespace Basalt.Solver.Tests;

/// <summary>Small crafted repositories in libsolv's testtags notation ("=Pkg: A 1 1 noarch", "=Req: B", …).</summary>
internal static class TestPackages
{
    public static List<PackageCandidate> Parse(string repository, params string[] lines)
    {
        var unsupported = new List<string>();
        var packages = TestcaseReader.ReadPackages(lines.Select(l => "#>" + l), repository, 0, unsupported);
        Assert.Empty(unsupported);
        return packages.ConvertAll(p => p with { RepositoryPriority = PackageCandidate.DefaultPriority });
    }

    public static List<PackageCandidate> Available(params string[] lines) => Parse("available", lines);

    public static Resolution Install(IEnumerable<PackageCandidate> available, params string[] names)
        => PackageSolver.Solve(available, [], names.Select(SolverJob.InstallName), new SolverOptions { Architectures = ["x86_64", "noarch"] });

    public static string[] Nevras(IEnumerable<PackageCandidate> packages) => [.. packages.Select(p => p.Nevra.ToString())];
}
