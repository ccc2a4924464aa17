using Basalt.Packaging.Model;
using Basalt.Repositories.Metadata;

namespace Basalt.Repositories;

/// <summary>A repository whose metadata has been fetched, verified and parsed.</summary>
public sealed class LoadedRepository
{
    internal LoadedRepository(RepositoryDefinition definition, RepoMd repoMd, IReadOnlyList<RpmMdPackage> packages,
        IReadOnlyList<MetadataFileStatus> files, string? signingKey)
    {
        Definition = definition;
        RepoMd = repoMd;
        Packages = packages;
        Files = files;
        SigningKeyFingerprint = signingKey;
    }

    public RepositoryDefinition Definition { get; }

    public RepoMd RepoMd { get; }

    /// <summary>The packages in primary's order.</summary>
    public IReadOnlyList<RpmMdPackage> Packages { get; }

    /// <summary>Every repomd.xml record with its verification state.</summary>
    public IReadOnlyList<MetadataFileStatus> Files { get; }

    /// <summary>The SHA-256 (lowercase hex) of the repomd.xml that was read: which revision of the repository a build used.</summary>
    public string RepoMdSha256 { get; init; } = "";

    /// <summary>The fingerprint of the key that verified repomd.xml.asc; null when not checked.</summary>
    public string? SigningKeyFingerprint { get; }

    /// <summary>The distinct architectures, sorted.</summary>
    public IReadOnlyList<string> Architectures => [.. Packages.Select(p => p.Nevra.Arch).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The packages as solver candidates (binary packages only; source packages are not installable).</summary>
    public IReadOnlyList<PackageCandidate> ToCandidates()
        => [.. Packages.Where(p => p.Nevra.Arch is not ("src" or "nosrc")).Select(p => p.ToCandidate(Definition.Id, Definition.Priority))];
}
