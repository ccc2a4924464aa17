using Basalt.Packaging.Model;
using Basalt.Repositories.Sources;

namespace Basalt.Repositories;

/// <summary>When to load filelists metadata on top of primary.</summary>
public enum FilelistsMode
{
    Auto,
    Always,
    Never,
}

/// <summary>
/// Loads the candidate packages of every repository. Primary metadata lists only the "interesting" files
/// (/etc, bin directories); like dnf, the file lists are loaded only when some requirement names a path
/// that primary does not provide.
/// </summary>
public static class RepositoryPool
{
    /// <param name="notice">Told when the file lists are loaded after all, for the user to see why a resolve takes longer.</param>
    public static async Task<List<PackageCandidate>> LoadAsync(IReadOnlyList<RepositoryDefinition> definitions, FilelistsMode mode,
        Action<string>? notice, RepositoryCache? cache, CancellationToken cancellationToken)
    {
        var primary = await LoadAllAsync(definitions, filelists: mode == FilelistsMode.Always, cache, cancellationToken).ConfigureAwait(false);
        if (mode != FilelistsMode.Auto || !NeedsFilelists(primary))
        {
            return primary;
        }

        notice?.Invoke("a file dependency is not in primary metadata; loading file lists");
        return await LoadAllAsync(definitions, filelists: true, cache, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<PackageCandidate>> LoadAllAsync(IReadOnlyList<RepositoryDefinition> definitions, bool filelists,
        RepositoryCache? cache, CancellationToken cancellationToken)
    {
        var candidates = new List<PackageCandidate>();
        foreach (var definition in definitions)
        {
            var repository = await RepositoryLoader.LoadAsync(definition, new RepositoryLoadOptions { Filelists = filelists, KeepText = false, Cache = cache },
                cancellationToken).ConfigureAwait(false);
            candidates.AddRange(repository.ToCandidates());
        }

        return candidates;
    }

    private static bool NeedsFilelists(List<PackageCandidate> candidates)
    {
        var provided = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            provided.UnionWith(candidate.Files);
            provided.UnionWith(candidate.Provides.Where(p => p.Name.StartsWith('/')).Select(p => p.Name));
        }

        return candidates.Any(c => c.Requires.Any(r => r.Name.StartsWith('/') && !provided.Contains(r.Name)));
    }
}
