namespace Basalt.Trust.Sbom;

/// <summary>
/// The elements of one build's SBOMs (SPDX and CycloneDX alike) in their defined order: the image package first, then the binary RPMs by NEVRA
/// (ordinal), then their source RPMs by file name, then the artefact files by name. Ids are allocated in that order.
/// </summary>
internal sealed class SbomModel
{
    public SbomModel(BuildRecord build)
    {
        var ids = new SpdxIds();
        ImageId = ids.Allocate("Image", build.ImageName);
        Packages = [.. build.Packages.OrderBy(p => p.Nevra, StringComparer.Ordinal)];
        foreach (var duplicate in Packages.GroupBy(p => p.Nevra, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new InvalidDataException($"Build record lists package '{duplicate.Key}' more than once.");
        }

        foreach (var package in Packages)
        {
            PackageIds[package.Nevra] = ids.Allocate("RPM", package.Nevra);
        }

        var seenSources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in Packages)
        {
            if (SourceRpmName.TryParse(package.SourceRpm, out var source) && seenSources.Add(source.FileName))
            {
                Sources.Add((source, package));
            }
        }

        Sources.Sort((a, b) => StringComparer.Ordinal.Compare(a.Source.FileName, b.Source.FileName));
        foreach (var (source, _) in Sources)
        {
            SourceIds[source.FileName] = ids.Allocate("SRPM", source.FileName);
        }

        Artifacts = [.. build.Artifacts.OrderBy(a => a.Name, StringComparer.Ordinal)];
        foreach (var artifact in Artifacts)
        {
            ArtifactIds[artifact.Name] = ids.Allocate("Artifact", artifact.Name);
        }

        Licenses = new SbomLicenses(Packages.Select(p => p.License));
        foreach (var package in Packages)
        {
            foreach (var required in package.Requires)
            {
                if (!PackageIds.ContainsKey(required))
                {
                    throw new InvalidDataException(
                        $"Build record package '{package.Nevra}' requires '{required}', which is not an installed package.");
                }
            }
        }
    }

    public string ImageId { get; }

    public List<BuildPackage> Packages { get; }

    public Dictionary<string, string> PackageIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Each distinct source RPM with the first binary (by NEVRA) built from it, which supplies vendor and epoch.</summary>
    public List<(SourceRpmName Source, BuildPackage FirstBinary)> Sources { get; } = [];

    public Dictionary<string, string> SourceIds { get; } = new(StringComparer.Ordinal);

    public List<BuildArtifact> Artifacts { get; }

    public Dictionary<string, string> ArtifactIds { get; } = new(StringComparer.Ordinal);

    public SbomLicenses Licenses { get; }
}
