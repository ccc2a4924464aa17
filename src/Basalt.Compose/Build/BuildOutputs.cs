using Basalt.Compose.Definition;
using Basalt.Compose.Outputs;
using Basalt.Repositories;
using Basalt.Rpm.Metadata;

namespace Basalt.Compose.Build;

/// <summary>
/// What a finished build hands to <see cref="ImageBuildOptions.Finishing"/> before anything is published: the inputs,
/// every installed package with its digest and resolved requirements, and the artefacts. The trust chain (SBOMs,
/// provenance, checksums) is written from this into <see cref="Directory"/>, so it is published with the images.
/// </summary>
public sealed record BuildOutputs
{
    public required ImageDefinition Definition { get; init; }

    /// <summary>The definition file, absolute.</summary>
    public required string DefinitionPath { get; init; }

    public required ImageBuildOptions Options { get; init; }

    public required long SourceDateEpoch { get; init; }

    /// <summary>Installed packages in install order.</summary>
    public required IReadOnlyList<BuiltPackage> Packages { get; init; }

    /// <summary>Each repository as read: id, location and the SHA-256 of its repomd.xml.</summary>
    public required IReadOnlyList<RepositoryRevision> Repositories { get; init; }

    public required ImageWriteResult Image { get; init; }

    /// <summary>The image's os-release fields as written into /usr/lib/os-release.</summary>
    public required IReadOnlyDictionary<string, string> OsRelease { get; init; }

    /// <summary>The (not yet published) folder holding the artefacts and the lockfile; files written here are published with them.</summary>
    public required string Directory { get; init; }

    /// <summary>Whether the packages came from an existing lockfile.</summary>
    public required bool FromLockFile { get; init; }
}

/// <param name="Uri">Where the package was fetched from: its repository's location joined with its href.</param>
/// <param name="Sha256">Of the .rpm file.</param>
/// <param name="Requires">The NEVRAs of the installed packages that this package's requirements resolved to, sorted.</param>
public sealed record BuiltPackage(RpmPackageInfo Info, string Nevra, string Repository, string Uri, string Sha256, long Size, IReadOnlyList<string> Requires);
