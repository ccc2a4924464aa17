using Basalt.Packaging.Model;

namespace Basalt.Solver.Tests.Testcases;

/// <summary>A libsolv testcase file: repositories, the system line and one or more job sections.</summary>
internal sealed class Testcase
{
    public required string Path { get; init; }

    /// <summary>Repositories in file order: name, libsolv priority (higher is preferred) and packages.</summary>
    public List<(string Name, int Priority, List<PackageCandidate> Packages)> Repositories { get; } = [];

    /// <summary>The "system" line's architecture ("unset" when none was given).</summary>
    public string Architecture { get; set; } = "unset";

    /// <summary>The "system" line's disttype (rpm, deb, *).</summary>
    public string DistType { get; set; } = "rpm";

    /// <summary>The repository that holds the installed packages, or null.</summary>
    public string? InstalledRepository { get; set; }

    /// <summary>Directives that apply to the whole file and that Basalt does not model (evrcmp, namespace, disable, …).</summary>
    public List<string> Unsupported { get; } = [];

    /// <summary>The job sections, separated by "nextjob".</summary>
    public List<TestcaseSection> Sections { get; } = [new()];
}

/// <summary>One job section: jobs, flags and the expected result.</summary>
internal sealed class TestcaseSection
{
    public List<string> Jobs { get; } = [];

    public List<string> SolverFlags { get; } = [];

    public List<string> PoolFlags { get; } = [];

    public List<string> Unsupported { get; } = [];

    /// <summary>The result line's types ("transaction,problems", "rules", …), or "" when the section has none.</summary>
    public string ResultTypes { get; set; } = "";

    public List<string> ResultLines { get; } = [];
}
