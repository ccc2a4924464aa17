using Basalt.Packaging.Model;

namespace Basalt.Repositories;

/// <summary>
/// One repository as a user configures it (dnf's .repo semantics): where it is, its priority, and which signatures
/// to require.
/// </summary>
/// <param name="Id">The repository id (names it in messages and in lockfiles).</param>
/// <param name="Location">A local folder, a file:// URL or an http(s):// base URL.</param>
public sealed record RepositoryDefinition(string Id, string Location)
{
    /// <summary>dnf priority: lower numbers are preferred.</summary>
    public int Priority { get; init; } = PackageCandidate.DefaultPriority;

    /// <summary>repo_gpgcheck: repomd.xml must carry a repomd.xml.asc that verifies with <see cref="GpgKeys"/>.</summary>
    public bool RepoGpgCheck { get; init; }

    /// <summary>gpgcheck: packages must be signed by <see cref="GpgKeys"/> (recorded here, checked when packages are fetched).</summary>
    public bool GpgCheck { get; init; }

    /// <summary>Public key files (armored or binary) for both checks.</summary>
    public IReadOnlyList<string> GpgKeys { get; init; } = [];
}
