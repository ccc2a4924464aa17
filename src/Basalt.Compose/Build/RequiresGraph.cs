using Basalt.Packaging;
using Basalt.Packaging.Model;

namespace Basalt.Compose.Build;

/// <summary>
/// Which installed package satisfies which requirement of another: the DEPENDS_ON edges of the SBOMs. Plain and
/// versioned requirements are matched as rpm matches them (provides, the implied self-provide, file paths);
/// rpmlib() requirements are rpm's own and rich requirements are left out (their alternatives are not edges).
/// </summary>
internal static class RequiresGraph
{
    public static IReadOnlyDictionary<PackageCandidate, IReadOnlyList<string>> Build(IReadOnlyList<PackageCandidate> installed)
    {
        var providers = new Dictionary<string, List<(PackageCandidate Package, Dependency Provide)>>(StringComparer.Ordinal);
        void Add(string name, PackageCandidate package, Dependency provide)
        {
            if (!providers.TryGetValue(name, out var list))
            {
                providers[name] = list = [];
            }

            list.Add((package, provide));
        }

        foreach (var package in installed)
        {
            Add(package.Name, package, new Dependency(package.Name, DependencyFlags.Equal, package.Nevra.Evr.ToString()));
            foreach (var provide in package.Provides)
            {
                Add(provide.Name, package, provide);
            }

            foreach (var file in package.Files)
            {
                Add(file, package, new Dependency(file));
            }
        }

        var edges = new Dictionary<PackageCandidate, IReadOnlyList<string>>();
        foreach (var package in installed)
        {
            var targets = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var requirement in package.Requires.Where(r => !r.IsRich && !r.Name.StartsWith("rpmlib(", StringComparison.Ordinal)))
            {
                if (providers.TryGetValue(requirement.Name, out var candidates))
                {
                    targets.UnionWith(candidates.Where(c => c.Package != package && Capability.Satisfies(c.Provide, requirement))
                        .Select(c => c.Package.Nevra.ToString()));
                }
            }

            edges[package] = [.. targets];
        }

        return edges;
    }
}
