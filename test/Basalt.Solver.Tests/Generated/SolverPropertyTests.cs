using Basalt.Packaging.Model;
using FsCheck.Xunit;

namespace Basalt.Solver.Tests.Generated;

/// <summary>
/// Soundness and completeness on small random repositories: every answer passes the independent checker, and
/// "unsolvable" is said only when an exhaustive search over all subsets finds no valid set either.
/// </summary>
public sealed class SolverPropertyTests
{
    private static readonly SolverOptions Options = new() { InstallWeakDependencies = false };

    [Property(MaxTest = 300)]
    public void Solve_RandomSmallRepository_AnswerIsValidAndUnsolvableOnlyWhenNoSubsetWorks(int seed)
    {
        var random = new Random(seed);
        var universe = RandomRepository.Create(random, new RepositoryShape(Names: 5, MaxVersions: 3, Alternatives: true));
        string[] jobs = random.Next(2) == 0 ? ["p0"] : ["p0", "p" + random.Next(1, 5)];
        var resolution = PackageSolver.Solve(universe, [], jobs.Select(SolverJob.InstallName), Options);
        if (resolution.Succeeded)
        {
            Assert.Null(SolutionChecker.Violation(universe, resolution.Packages, jobs));
        }
        else
        {
            Assert.Null(AnyValidSubset(universe, jobs));
            Assert.NotEmpty(resolution.Problems);
        }
    }

    [Property(MaxTest = 100)]
    public void Solve_RandomSmallRepositoryWithWeakDeps_AnswerIsValid(int seed)
    {
        var random = new Random(seed);
        var universe = RandomRepository.Create(random, new RepositoryShape(Names: 6, MaxVersions: 2, Alternatives: true));
        var resolution = PackageSolver.Solve(universe, [], [SolverJob.InstallName("p0")], new SolverOptions());
        var withoutWeak = PackageSolver.Solve(universe, [], [SolverJob.InstallName("p0")], Options);
        Assert.Equal(withoutWeak.Succeeded, resolution.Succeeded);
        if (resolution.Succeeded)
        {
            Assert.Null(SolutionChecker.Violation(universe, resolution.Packages, ["p0"]));
        }
    }

    [Fact]
    public void Solve_RandomSmallRepositories_BothOutcomesOccurAndAgreeWithExhaustiveSearch()
    {
        int solvable = 0, unsolvable = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var universe = RandomRepository.Create(random, new RepositoryShape(Names: 5, MaxVersions: 3, Alternatives: true));
            var resolution = PackageSolver.Solve(universe, [], [SolverJob.InstallName("p0")], Options, TestContext.Current.CancellationToken);
            bool exists = AnyValidSubset(universe, ["p0"]) is not null;
            Assert.Equal(exists, resolution.Succeeded);
            _ = resolution.Succeeded ? solvable++ : unsolvable++;
        }

        // The generator must exercise both answers, or the property above proves little.
        Assert.InRange(solvable, 20, 180);
        Assert.InRange(unsolvable, 20, 180);
    }

    private static List<PackageCandidate>? AnyValidSubset(List<PackageCandidate> universe, string[] jobs)
    {
        var usable = universe.Where(p => p.Nevra.Arch is "x86_64" or "noarch").ToList();
        Assert.True(usable.Count <= 16, "instance too large for exhaustive search");
        for (int mask = 1; mask < 1 << usable.Count; mask++)
        {
            var subset = usable.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            if (SolutionChecker.Violation(universe, subset, jobs) is null)
            {
                return subset;
            }
        }

        return null;
    }
}
