using Basalt.Packaging.Model;

namespace Basalt.Solver;

/// <summary>The outcome of <see cref="PackageSolver.Solve"/>.</summary>
public sealed record Resolution
{
    /// <summary>True when every job and every dependency is satisfied.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The whole package set after the transaction (kept installed packages and new ones), sorted by NEVRA.</summary>
    public IReadOnlyList<PackageCandidate> Packages { get; init; } = [];

    /// <summary>Packages to install that were not installed before, sorted by NEVRA.</summary>
    public IReadOnlyList<PackageCandidate> Installs { get; init; } = [];

    /// <summary>Installed packages that the transaction removes (replaced by an update or an obsoleting package).</summary>
    public IReadOnlyList<PackageCandidate> Removals { get; init; } = [];

    /// <summary>The order to install <see cref="Installs"/> in: prerequisites first.</summary>
    public IReadOnlyList<PackageCandidate> InstallOrder { get; init; } = [];

    /// <summary>When resolution failed: one entry per problem, each a list of readable lines.</summary>
    public IReadOnlyList<ResolutionProblem> Problems { get; init; } = [];

    /// <summary>Search statistics (decisions, conflicts) for reports and benchmarks.</summary>
    public SolverStatistics Statistics { get; init; } = new(0, 0, 0, 0);
}

/// <summary>Why there is no solution, in words: the first line is the main problem, the rest the chain behind it.</summary>
/// <param name="Lines">The sentences, dnf style ("package X requires Y, but none of the providers can be installed").</param>
public sealed record ResolutionProblem(IReadOnlyList<string> Lines)
{
    /// <summary>Prints as dnf does: "Problem: first" and "  - other" lines.</summary>
    public override string ToString()
        => string.Join("\n", Lines.Select((line, i) => i == 0 ? "Problem: " + line : "  - " + line));
}

/// <summary>The size of the encoded problem and the work the search did.</summary>
public sealed record SolverStatistics(int Variables, int Clauses, long Decisions, long Conflicts);
