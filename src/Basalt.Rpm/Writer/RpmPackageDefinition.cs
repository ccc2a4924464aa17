using Basalt.Packaging;

namespace Basalt.Rpm.Writer;

/// <summary>
/// Everything the writer puts in a binary package: identity, descriptive text, dependencies, files and scriptlets.
/// The writer adds what rpmbuild adds on its own (the self-provide, config() capabilities, scriptlet interpreter
/// requirements and the rpmlib() feature requirements), so these lists hold only what the packager asked for.
/// </summary>
internal sealed record RpmPackageDefinition
{
    public required string Name { get; init; }

    public int? Epoch { get; init; }

    public required string Version { get; init; }

    public required string Release { get; init; }

    public required string Arch { get; init; }

    public required string Summary { get; init; }

    public required string Description { get; init; }

    public required string License { get; init; }

    public string? Url { get; init; }

    public string? Group { get; init; }

    public string? Vendor { get; init; }

    public string? Packager { get; init; }

    public IReadOnlyList<Dependency> Requires { get; init; } = [];

    public IReadOnlyList<Dependency> Provides { get; init; } = [];

    public IReadOnlyList<Dependency> Conflicts { get; init; } = [];

    public IReadOnlyList<Dependency> Obsoletes { get; init; } = [];

    public IReadOnlyList<Dependency> Recommends { get; init; } = [];

    public IReadOnlyList<Dependency> Suggests { get; init; } = [];

    public IReadOnlyList<Dependency> Supplements { get; init; } = [];

    public IReadOnlyList<Dependency> Enhances { get; init; } = [];

    public IReadOnlyList<RpmFileDefinition> Files { get; init; } = [];

    public IReadOnlyList<RpmScriptlet> Scriptlets { get; init; } = [];

    /// <summary>"[epoch:]version-release", as rpm writes it in the self-provide.</summary>
    public string Evr => Epoch is { } epoch ? $"{epoch}:{Version}-{Release}" : $"{Version}-{Release}";

    /// <summary>The file name rpmbuild gives the package: name-version-release.arch.rpm.</summary>
    public string FileName => $"{Name}-{Version}-{Release}.{Arch}.rpm";
}
