using Basalt.Imaging.Pe;
using Basalt.Repositories.Sources;

namespace Basalt.Compose.Build;

/// <summary>What <c>basalt build</c> was asked to do; everything else comes from the image definition.</summary>
public sealed record ImageBuildOptions
{
    /// <summary>The image definition (YAML).</summary>
    public required string DefinitionPath { get; init; }

    /// <summary>The folder the artefacts go to; created when missing. Files of earlier builds with other names are kept.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>A lockfile to build from when it exists (and to write otherwise); null: resolve afresh.</summary>
    public string? LockFilePath { get; init; }

    /// <summary>Resolve afresh even when <see cref="LockFilePath"/> exists, and rewrite it.</summary>
    public bool UpdateLock { get; init; }

    /// <summary>Repository id to location (folder or URL): where to read a definition's repository from instead (a mirror).</summary>
    public IReadOnlyDictionary<string, string> RepositoryLocations { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Where downloaded metadata and packages are kept; null: the user's cache (see <see cref="RepositoryCache.Default"/>).</summary>
    public RepositoryCache? Cache { get; init; }

    /// <summary>SOURCE_DATE_EPOCH from the environment, used when the definition sets none.</summary>
    public long? EnvironmentSourceDateEpoch { get; init; }

    /// <summary>Authenticode-signs the boot loader and the UKI for Secure Boot (the definition's <c>boot:</c>); null: unsigned.</summary>
    public AuthenticodeSigner? SecureBootSigner { get; init; }

    /// <summary>
    /// Runs after every artefact is written and before anything is published (the attest stage): writes further files
    /// into <see cref="BuildOutputs.Directory"/> — SBOMs, provenance, checksums — and returns their names.
    /// </summary>
    public Func<BuildOutputs, CancellationToken, Task<IReadOnlyList<string>>>? Finishing { get; init; }
}
