namespace Basalt.Compose.Definition;

/// <summary>An rpm-md repository, as a dnf .repo section describes one.</summary>
public sealed record RepositoryDefinition
{
    /// <summary>Unique id (dnf's repo id characters).</summary>
    public required string Id { get; init; }

    /// <summary>Remote or file URL of the repository root (holding repodata/); exactly one of this and <see cref="Path"/>.</summary>
    public Uri? Baseurl { get; init; }

    /// <summary>Local repository directory, made absolute against the definition's folder.</summary>
    public string? Path { get; init; }

    /// <summary>OpenPGP public keys: URLs, or files made absolute against the definition's folder.</summary>
    public IReadOnlyList<string> GpgKeys { get; init; } = [];

    /// <summary>Check package signatures (dnf's gpgcheck); default true.</summary>
    public bool Gpgcheck { get; init; } = true;

    /// <summary>Check the signature of repomd.xml (dnf's repo_gpgcheck); default false.</summary>
    public bool RepoGpgcheck { get; init; }

    /// <summary>1 (preferred) to 99 (default), as dnf's priority: a package is taken from the best-priority repository offering it.</summary>
    public int Priority { get; init; } = 99;
}

/// <summary>What to install.</summary>
public sealed record PackageSelection
{
    /// <summary>Package names or provides to install, with their dependencies.</summary>
    public required IReadOnlyList<string> Install { get; init; }

    /// <summary>Package names never installed, even as dependencies (dnf's excludepkgs; globs allowed).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Install weak dependencies (Recommends, Supplements); default true, as dnf's install_weak_deps.</summary>
    public bool WeakDeps { get; init; } = true;
}

/// <summary>Systemd units to enable, disable or mask, after the packages' presets are applied.</summary>
public sealed record SystemdUnits
{
    public IReadOnlyList<string> Enable { get; init; } = [];

    public IReadOnlyList<string> Disable { get; init; } = [];

    public IReadOnlyList<string> Mask { get; init; } = [];
}

/// <summary>Inputs that make the build reproducible.</summary>
public sealed record ReproducibilitySettings
{
    /// <summary>SOURCE_DATE_EPOCH for every timestamp; null: the environment's SOURCE_DATE_EPOCH, else the newest package build time.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>Seed for UUIDs and salts; default <c>name-version</c>.</summary>
    public required string Seed { get; init; }
}
