using Basalt.Packaging.Model;

namespace Basalt.Repositories.Metadata;

/// <summary>Conversion of rpm-md packages into the solver's model.</summary>
public static class RpmMdPackageExtensions
{
    /// <summary>The solver's view of <paramref name="package"/> in repository <paramref name="repositoryId"/>.</summary>
    public static PackageCandidate ToCandidate(this RpmMdPackage package, string repositoryId, int priority = PackageCandidate.DefaultPriority)
    {
        ArgumentNullException.ThrowIfNull(package);
        var files = new string[package.Files.Count];
        for (int i = 0; i < files.Length; i++)
        {
            files[i] = package.Files[i].Path;
        }

        return new PackageCandidate(package.Nevra, repositoryId)
        {
            RepositoryPriority = priority,
            Location = package.LocationBase is { Length: > 0 } b ? b.TrimEnd('/') + "/" + package.Location : package.Location,
            Checksum = package.Checksum.ToString(),
            Size = package.PackageSize,
            BuildTime = package.BuildTime,
            Provides = package.Provides,
            Requires = package.Requires,
            Conflicts = package.Conflicts,
            Obsoletes = package.Obsoletes,
            Recommends = package.Recommends,
            Suggests = package.Suggests,
            Supplements = package.Supplements,
            Enhances = package.Enhances,
            Files = files,
        };
    }
}
