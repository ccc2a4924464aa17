using Basalt.Packaging;

namespace Basalt.Solver;

/// <summary>What a job selects.</summary>
public enum SolverJobKind
{
    /// <summary>Packages with this name (and, when none has it, providers of the capability of that name, as dnf does).</summary>
    Name,
    /// <summary>Providers of a capability ("name op evr", a file path, or a rich dependency).</summary>
    Provides,
    /// <summary>One exact package: "name-[epoch:]version-release.arch", optionally followed by "@repository".</summary>
    Nevra,
}

/// <summary>An install request.</summary>
/// <param name="Kind">How <see cref="Text"/> selects packages.</param>
/// <param name="Text">A name, NEVRA or capability name.</param>
/// <param name="Dependency">For <see cref="SolverJobKind.Provides"/>: the capability, versioned or not; for
/// <see cref="SolverJobKind.Name"/>: an optional version range on that name ("A = 2", "A &gt;= 1.2").</param>
/// <param name="OrObsoleting">For <see cref="SolverJobKind.Name"/>: a package that obsoletes the name also meets the
/// job, and the policy prefers it (see <see cref="InstallNameOrObsoleting"/>).</param>
public sealed record SolverJob(SolverJobKind Kind, string Text, Dependency? Dependency = null, bool OrObsoleting = false)
{
    /// <summary>Install a package by name (libsolv's "job install name").</summary>
    public static SolverJob InstallName(string name) => new(SolverJobKind.Name, name);

    /// <summary>
    /// Install a package by name as "dnf install NAME" does with its obsoletes option on (the default): the packages
    /// of that name and those that obsolete it are candidates, and an obsoleting one is preferred ("Package X is
    /// obsoleted by Y, trying to install Y instead"); without any package of that name, a provider of the capability.
    /// </summary>
    public static SolverJob InstallNameOrObsoleting(string name) => new(SolverJobKind.Name, name, OrObsoleting: true);

    /// <summary>Install a package by name within a version range ("name op evr").</summary>
    public static SolverJob InstallName(Dependency nameAndVersion)
    {
        ArgumentNullException.ThrowIfNull(nameAndVersion);
        return new(SolverJobKind.Name, nameAndVersion.Name, nameAndVersion.IsVersioned ? nameAndVersion : null);
    }

    /// <summary>Install a provider of a capability.</summary>
    public static SolverJob InstallProvides(Dependency capability)
    {
        ArgumentNullException.ThrowIfNull(capability);
        return new(SolverJobKind.Provides, capability.Name, capability);
    }

    /// <summary>Install an exact package, "name-evr.arch" or "name-evr.arch@repo".</summary>
    public static SolverJob InstallNevra(string nevra) => new(SolverJobKind.Nevra, nevra);

    /// <summary>How the job is named in messages.</summary>
    public override string ToString() => Dependency?.ToString() ?? Text;
}
