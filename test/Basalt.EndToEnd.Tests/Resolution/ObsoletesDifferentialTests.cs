using Basalt.Packaging;
using Basalt.Packaging.Model;
using Basalt.Repositories;
using Basalt.Solver;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Resolution;

/// <summary>
/// "dnf install NAME" where another package obsoletes NAME: dnf (obsoletes on, its default) installs the obsoleting
/// package instead, unless that one cannot be installed or does not obsolete this version. Basalt reads the same
/// arguments with <see cref="JobParser"/>, the way <c>basalt resolve</c> does, and must give dnf's install sets.
/// </summary>
public sealed class ObsoletesDifferentialTests
{
    private static readonly PackageCandidate[] Packages =
    [
        Package("lib", "1", provides: ["cap"]),
        Package("newlib", "1", provides: ["cap"], obsoletes: [new Dependency("lib")]),
        Package("app", "1", requires: ["cap"]),
        // Obsoletes out of range: newer obsoletes only "older < 1", so older-1 stays the answer.
        Package("older", "1"),
        Package("newer", "1", obsoletes: [new Dependency("older", DependencyFlags.Less, "1")]),
        // The obsoleting package cannot be installed: dnf falls back to the name asked for.
        Package("tool", "1"),
        Package("broken", "1", requires: ["missing"], obsoletes: [new Dependency("tool")]),
        // Only the old version is obsoleted: the newest "multi" remains, and the name asked for wins.
        Package("multi", "1"),
        Package("multi", "2"),
        Package("newmulti", "1", obsoletes: [new Dependency("multi", DependencyFlags.Less, "2")]),
    ];

    [Fact]
    public async Task Resolve_InstallObsoletedName_EqualsDnf()
    {
        using var temp = new TempDirectory();
        string repository = temp.Path("repo");
        string work = temp.Path("work");
        Directory.CreateDirectory(work);
        RpmMdWriter.Write(repository, Packages);
        IReadOnlyList<IReadOnlyList<string>> jobs = [["lib"], ["app"], ["older"], ["tool"], ["multi"], ["lib", "app"]];
        var dnf = Oracles.Dnf(repository, work, jobs, weakDeps: true, obsoletes: true);

        var loaded = await RepositoryLoader.LoadAsync(new RepositoryDefinition("r", repository), new RepositoryLoadOptions(), TestContext.Current.CancellationToken);
        var candidates = loaded.ToCandidates();
        var (names, nevras) = JobParser.Index(candidates);
        var answers = new List<string>();
        for (int j = 0; j < jobs.Count; j++)
        {
            var resolution = PackageSolver.Solve(candidates, [], jobs[j].Select(a => JobParser.Parse(a, names, nevras)), new SolverOptions(),
                TestContext.Current.CancellationToken);
            Assert.True(resolution.Succeeded, $"install {string.Join(' ', jobs[j])}");
            Assert.True(dnf[j].Solved, $"dnf install {string.Join(' ', jobs[j])}: {dnf[j].Detail}");
            string basalt = string.Join(' ', resolution.Installs.Select(p => p.Nevra.ToString()));
            Assert.Equal(string.Join(' ', dnf[j].Installs), basalt);
            answers.Add(basalt);
        }

        // What dnf 4.14 answers, so the test also fails if the oracle's behaviour is lost.
        Assert.Equal(
            ["newlib-1-1.noarch", "app-1-1.noarch newlib-1-1.noarch", "older-1-1.noarch", "tool-1-1.noarch", "multi-2-1.noarch",
                "app-1-1.noarch newlib-1-1.noarch"],
            answers);
    }

    private static PackageCandidate Package(string name, string version, string[]? provides = null, string[]? requires = null,
        Dependency[]? obsoletes = null)
        => new(new Nevra(name, null, version, "1", "noarch"), "r")
        {
            Location = $"{name}-{version}-1.noarch.rpm",
            Provides = [.. (provides ?? []).Select(p => new Dependency(p)), new Dependency(name, DependencyFlags.Equal, version + "-1")],
            Requires = [.. (requires ?? []).Select(r => new Dependency(r))],
            Obsoletes = obsoletes ?? [],
        };
}
