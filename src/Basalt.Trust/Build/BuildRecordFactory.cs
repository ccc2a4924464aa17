using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Basalt.Compose.Build;
using Basalt.Compose.Definition;
using Basalt.Imaging.Gpt;

namespace Basalt.Trust.Build;

/// <summary>Makes the <see cref="BuildRecord"/> of a finished build: only inputs and outputs, so it is the same for a rebuild.</summary>
internal static class BuildRecordFactory
{
    public static BuildRecord From(BuildOutputs outputs, IReadOnlyList<BuildArtifact> artifacts)
    {
        var definition = outputs.Definition;
        var definitionSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(outputs.DefinitionPath)));
        // Whether the packages came from a lockfile is left out: it does not change what is built, and a rebuild (or the
        // import round of detached signing) from the lockfile must record the same parameters as the build it repeats.
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, location) in outputs.Options.RepositoryLocations)
        {
            options["repo." + id] = location;
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(outputs.SourceDateEpoch);
        return new BuildRecord
        {
            ImageName = definition.Name,
            ImageVersion = definition.Version,
            Arch = DefinitionNames.Of(definition.Arch),
            SourceDateEpoch = outputs.SourceDateEpoch,
            Seed = definition.Reproducibility.Seed,
            DefinitionPath = outputs.DefinitionPath,
            DefinitionSha256 = definitionSha256,
            Options = options,
            DistroId = outputs.OsRelease.GetValueOrDefault("ID") ?? "linux",
            DistroVersionId = outputs.OsRelease.GetValueOrDefault("VERSION_ID") ?? "",
            Packages = [.. outputs.Packages.Select(p => new BuildPackage(p.Nevra, p.Info.Name, p.Info.Epoch, p.Info.Version, p.Info.Release, p.Info.Arch,
                Blank(p.Info.SourceRpm), Blank(p.Info.License), Blank(p.Info.Vendor), Blank(p.Info.Packager), p.Repository, p.Uri, p.Sha256, p.Size,
                p.Requires))],
            Repositories = [.. outputs.Repositories.Select(r => new BuildRepository(r.Id, r.Location, r.RepoMdSha256))],
            Artifacts = artifacts,
            BasaltVersion = Version,
            InvocationId = InvocationId(definition.Reproducibility.Seed, definitionSha256, outputs.Packages),
            StartedOn = time,
            FinishedOn = time,
        };
    }

    /// <summary>Basalt's version as built (the informational version, without source-control metadata).</summary>
    public static string Version
    {
        get
        {
            var version = typeof(BuildRecordFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    private static string? Blank(string value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A UUID from what the build consumed, so a rebuild of the same inputs names the same invocation.</summary>
    private static string InvocationId(string seed, string definitionSha256, IReadOnlyList<BuiltPackage> packages)
    {
        var consumed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            definitionSha256 + "\n" + string.Join("\n", packages.Select(p => p.Sha256)))));
        return GuidDerivation.Derive(Encoding.UTF8.GetBytes(seed), "basalt/invocation/" + consumed).ToString();
    }
}
