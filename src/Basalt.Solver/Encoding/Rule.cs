using Basalt.Packaging;

namespace Basalt.Solver.Encoding;

/// <summary>Why a clause exists: what an explanation says about it.</summary>
internal enum RuleKind
{
    /// <summary>An install job: at least one of the selected packages.</summary>
    Job,
    /// <summary>"package requires dependency": the package or one of the providers.</summary>
    Requires,
    /// <summary>"package conflicts with dependency provided by other".</summary>
    Conflicts,
    /// <summary>"package obsoletes dependency provided by other".</summary>
    Obsoletes,
    /// <summary>Two versions of one name cannot be installed together.</summary>
    SameName,
    /// <summary>An installed package stays, or one of its updates or obsoleters replaces it.</summary>
    KeepInstalled,
}

/// <summary>The origin of one clause.</summary>
/// <param name="Kind">What kind of rule it encodes.</param>
/// <param name="Package">The package whose dependency it encodes (-1 for jobs).</param>
/// <param name="Dependency">The dependency (null for same-name and keep rules).</param>
/// <param name="Other">The other package of a conflict, obsoletes or same-name rule (-1 otherwise).</param>
/// <param name="Job">The job of a job rule.</param>
/// <param name="IsHelper">True for a helper clause of a rich dependency's encoding (it speaks for its owning rule).</param>
internal readonly record struct Rule(RuleKind Kind, int Package, Dependency? Dependency, int Other, SolverJob? Job, bool IsHelper = false);
