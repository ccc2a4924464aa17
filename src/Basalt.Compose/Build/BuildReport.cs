using Basalt.Compose.Install;
using Basalt.Compose.Outputs;

namespace Basalt.Compose.Build;

/// <summary>
/// What a build did, written as <c>NAME-VERSION.report.json</c> beside the artefacts and printed as a summary. The
/// artefacts are reproducible; this report is not entirely (it records how long each stage took).
/// </summary>
public sealed record BuildReport
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public required string Arch { get; init; }

    public required long SourceDateEpoch { get; init; }

    /// <summary>The definition file, absolute: with the lockfile and <see cref="RepositoryLocations"/>, what a rebuild starts from.</summary>
    public required string DefinitionPath { get; init; }

    /// <summary>The --repo overrides the build ran with (repository id to location).</summary>
    public required IReadOnlyDictionary<string, string> RepositoryLocations { get; init; }

    /// <summary>True when the packages came from an existing lockfile rather than a fresh resolve.</summary>
    public required bool FromLockFile { get; init; }

    public required IReadOnlyList<BuildReportPackage> Packages { get; init; }

    public required ImageWriteResult Image { get; init; }

    public required IReadOnlyList<ScriptletRecord> Scriptlets { get; init; }

    public required IReadOnlyList<string> Accounts { get; init; }

    public required IReadOnlyList<string> Units { get; init; }

    public required IReadOnlyList<string> Libraries { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public required IReadOnlyList<BuildReportStage> Stages { get; init; }

    /// <summary>What boots the image (only for definitions with a <c>boot:</c> section).</summary>
    public BuildReportBoot? Boot { get; init; }

    /// <summary>The files this build published into the output folder, by name.</summary>
    public IReadOnlyList<string> Published { get; init; } = [];
}

/// <param name="Sha256">Of the .rpm file as fetched.</param>
/// <param name="InstalledBytes">The size of its files in the image.</param>
/// <param name="SigningKey">The fingerprint of the key whose signature was verified, or null when the repository does not ask for gpgcheck.</param>
public sealed record BuildReportPackage(string Nevra, string Repository, string Location, string Sha256, long Size, int Files, long InstalledBytes,
    string? SigningKey);

public sealed record BuildReportStage(string Stage, double Seconds, string Summary);

/// <param name="KernelVersion">The kernel release (<c>uname -r</c>).</param>
/// <param name="KernelPackage">The NEVRA of the package the kernel came from.</param>
/// <param name="InitrdSha256">Of the compressed initrd, as it is in the UKI or on the ESP.</param>
/// <param name="Modules">The modules /init loads, in order.</param>
/// <param name="Entry">The boot entry on the ESP: the UKI (type #2) or the type #1 entry file.</param>
/// <param name="SecureBootSigner">The subject of the certificate the EFI binaries were signed with; null when unsigned.</param>
public sealed record BuildReportBoot(string KernelVersion, string KernelPackage, long InitrdBytes, string InitrdSha256, int InitrdEntries,
    IReadOnlyList<string> Modules, string Entry, string? SecureBootSigner);
