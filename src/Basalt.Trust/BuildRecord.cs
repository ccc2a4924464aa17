namespace Basalt.Trust;

/// <summary>
/// Everything the trust chain says about one image build: what went in (definition, options, repositories, every
/// package by digest), what came out (every artefact by digest) and when. The SBOM writers and the provenance
/// statement are both made from this one record, so they cannot disagree. In reproducible mode every value here
/// derives from the inputs (times from SOURCE_DATE_EPOCH, ids from the seed).
/// </summary>
public sealed record BuildRecord
{
    public required string ImageName { get; init; }

    public required string ImageVersion { get; init; }

    /// <summary>rpm's spelling: x86_64 or aarch64.</summary>
    public required string Arch { get; init; }

    public required long SourceDateEpoch { get; init; }

    /// <summary>The definition's reproducibility seed (namespaces and ids derive from it).</summary>
    public required string Seed { get; init; }

    /// <summary>The definition as given on the command line (made relative to nothing: recorded verbatim).</summary>
    public required string DefinitionPath { get; init; }

    public required string DefinitionSha256 { get; init; }

    /// <summary>Build options that change the result (lockfile used, repository overrides), sorted by key.</summary>
    public required IReadOnlyDictionary<string, string> Options { get; init; }

    /// <summary>os-release ID and VERSION_ID of the image ("basalt", "2026.11"), for purl <c>distro=</c> qualifiers.</summary>
    public required string DistroId { get; init; }

    public required string DistroVersionId { get; init; }

    /// <summary>"ID VERSION_ID", or the ID alone when the image has no VERSION_ID: how the SBOMs name the system.</summary>
    public string DistroName => DistroVersionId.Length == 0 ? DistroId : $"{DistroId} {DistroVersionId}";

    /// <summary>Installed packages in install order.</summary>
    public required IReadOnlyList<BuildPackage> Packages { get; init; }

    public required IReadOnlyList<BuildRepository> Repositories { get; init; }

    /// <summary>Artefacts in the output folder by file name (OCI: the layout's index.json digest under "NAME.oci").</summary>
    public required IReadOnlyList<BuildArtifact> Artifacts { get; init; }

    /// <summary>Basalt's version (assembly informational version).</summary>
    public required string BasaltVersion { get; init; }

    /// <summary>A stable id of this invocation (in reproducible mode derived from the seed and the inputs).</summary>
    public required string InvocationId { get; init; }

    public required DateTimeOffset StartedOn { get; init; }

    public required DateTimeOffset FinishedOn { get; init; }
}

/// <param name="Epoch">Null when the package has no epoch tag.</param>
/// <param name="SourceRpm">The SOURCERPM tag (e.g. bash-5.2.26-3.fc40.src.rpm), or null.</param>
/// <param name="License">The License tag as written by the packager (rpm/Fedora use SPDX expressions today, older packages free text).</param>
/// <param name="Vendor">The Vendor tag, or null.</param>
/// <param name="Packager">The Packager tag, or null.</param>
/// <param name="Uri">Where the package was fetched from (repository location + href), for provenance resolvedDependencies.</param>
/// <param name="Sha256">Of the .rpm file.</param>
/// <param name="Requires">NEVRAs of the installed packages this one's requirements resolved to, sorted.</param>
public sealed record BuildPackage(string Nevra, string Name, long? Epoch, string Version, string Release, string Arch, string? SourceRpm,
    string? License, string? Vendor, string? Packager, string Repository, string Uri, string Sha256, long Size, IReadOnlyList<string> Requires);

/// <param name="RepomdSha256">The SHA-256 of the repomd.xml that was read.</param>
public sealed record BuildRepository(string Id, string Location, string RepomdSha256);

/// <param name="Name">File name in the output folder (or "NAME.oci" for the OCI layout directory).</param>
public sealed record BuildArtifact(string Name, string Sha256, long Bytes);
