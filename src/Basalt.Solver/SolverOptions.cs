using Basalt.Packaging;
using Basalt.Solver.Locking;

namespace Basalt.Solver;

/// <summary>Settings of one resolution (dnf's configuration where one exists).</summary>
public sealed record SolverOptions
{
    /// <summary>The machine architecture packages are installed for.</summary>
    public string TargetArchitecture { get; init; } = "x86_64";

    /// <summary>
    /// The architectures accepted, most preferred first. Null means the target architecture then "noarch"
    /// (no multilib, as the issue asks).
    /// </summary>
    public IReadOnlyList<string>? Architectures { get; init; }

    /// <summary>Install Recommends and Supplements when possible (dnf's install_weak_deps, on by default).</summary>
    public bool InstallWeakDependencies { get; init; } = true;

    /// <summary>Package-name globs ('*', '?') never to install (dnf's excludepkgs).</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>Version pins: for a pin "name op evr", only candidates of that name inside the range remain.</summary>
    public IReadOnlyList<Dependency> VersionPins { get; init; } = [];

    /// <summary>A previous lockfile: its NEVRAs are preferred over every other choice unless <see cref="UpdateLocked"/>.</summary>
    public LockFile? Lock { get; init; }

    /// <summary>Ignore <see cref="Lock"/> and pick the best versions again.</summary>
    public bool UpdateLocked { get; init; }

    /// <summary>The most conflicts the search may analyse before it gives up.</summary>
    public long MaxConflicts { get; init; } = 1_000_000;

    /// <summary>The longest the search may take before it gives up.</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The accepted architectures, most preferred first.</summary>
    public IReadOnlyList<string> EffectiveArchitectures => Architectures ?? [TargetArchitecture, "noarch"];
}
