namespace Basalt.Packaging.Model;

/// <summary>
/// One package the solver may choose: what a repository's primary (and filelists) metadata says about it, or what
/// an installed system's database says. Immutable; the dependency lists keep the order of the metadata.
/// </summary>
public sealed record PackageCandidate
{
    /// <summary>dnf's default repository priority (lower numbers are preferred).</summary>
    public const int DefaultPriority = 99;

    /// <summary>Creates a candidate with empty dependency lists.</summary>
    public PackageCandidate(Nevra nevra, string repositoryId)
    {
        ArgumentNullException.ThrowIfNull(nevra);
        ArgumentNullException.ThrowIfNull(repositoryId);
        Nevra = nevra;
        RepositoryId = repositoryId;
    }

    /// <summary>Name, epoch, version, release and architecture.</summary>
    public Nevra Nevra { get; init; }

    /// <summary>The id of the repository the package comes from ("@System" style ids for installed sets).</summary>
    public string RepositoryId { get; init; }

    /// <summary>The repository priority, dnf semantics: a lower number is preferred.</summary>
    public int RepositoryPriority { get; init; } = DefaultPriority;

    /// <summary>The package's location inside its repository (primary's location href), opaque.</summary>
    public string Location { get; init; } = "";

    /// <summary>The package checksum as "type:hex" (primary's checksum), opaque.</summary>
    public string Checksum { get; init; } = "";

    /// <summary>The package file size in bytes, or 0 when unknown.</summary>
    public long Size { get; init; }

    /// <summary>The build time (seconds since the epoch), or 0 when unknown.</summary>
    public long BuildTime { get; init; }

    /// <summary>Provides (the package's own "name = evr" provide is implied and need not be listed).</summary>
    public IReadOnlyList<Dependency> Provides { get; init; } = [];

    /// <summary>Requires; <see cref="DependencyFlags.ScriptPre"/> or <see cref="DependencyFlags.Prereq"/> marks Requires(pre).</summary>
    public IReadOnlyList<Dependency> Requires { get; init; } = [];

    /// <summary>Conflicts.</summary>
    public IReadOnlyList<Dependency> Conflicts { get; init; } = [];

    /// <summary>Obsoletes (matched against package names, as rpm and dnf do).</summary>
    public IReadOnlyList<Dependency> Obsoletes { get; init; } = [];

    /// <summary>Recommends (weak forward dependency).</summary>
    public IReadOnlyList<Dependency> Recommends { get; init; } = [];

    /// <summary>Suggests (hint only; never installs anything by itself).</summary>
    public IReadOnlyList<Dependency> Suggests { get; init; } = [];

    /// <summary>Supplements (weak reverse dependency: install this when the capability is installed).</summary>
    public IReadOnlyList<Dependency> Supplements { get; init; } = [];

    /// <summary>Enhances (hint only).</summary>
    public IReadOnlyList<Dependency> Enhances { get; init; } = [];

    /// <summary>The paths of the files in the package (each provides itself as a capability).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The package's name.</summary>
    public string Name => Nevra.Name;

    /// <summary>The package's EVR.</summary>
    public Evr Evr => Nevra.Evr;

    /// <summary>NEVRA as rpm prints it, plus "@repository": unique within one solver pool.</summary>
    public override string ToString() => Nevra + "@" + RepositoryId;
}
