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
        => (await LoadPoolAsync(definitions, mode, notice, cache, cancellationToken).ConfigureAwait(false)).Candidates;

    /// <summary>As <see cref="LoadAsync"/>, also saying which revision (repomd.xml digest) of each repository was read.</summary>
    public static async Task<LoadedPool> LoadPoolAsync(IReadOnlyList<RepositoryDefinition> definitions, FilelistsMode mode,
        Action<string>? notice, RepositoryCache? cache, CancellationToken cancellationToken)
    {
        var primary = await LoadAllAsync(definitions, filelists: mode == FilelistsMode.Always, cache, cancellationToken).ConfigureAwait(false);
        if (mode != FilelistsMode.Auto || !NeedsFilelists(primary.Candidates))
        {
            return primary;
        }

        notice?.Invoke("a file dependency is not in primary metadata; loading file lists");
        return await LoadAllAsync(definitions, filelists: true, cache, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LoadedPool> LoadAllAsync(IReadOnlyList<RepositoryDefinition> definitions, bool filelists,
        RepositoryCache? cache, CancellationToken cancellationToken)
    {
        var candidates = new List<PackageCandidate>();
        var revisions = new List<RepositoryRevision>();
        foreach (var definition in definitions)
        {
            var repository = await RepositoryLoader.LoadAsync(definition, new RepositoryLoadOptions { Filelists = filelists, KeepText = false, Cache = cache },
                cancellationToken).ConfigureAwait(false);
            candidates.AddRange(repository.ToCandidates());
            revisions.Add(new RepositoryRevision(definition.Id, definition.Location, repository.RepoMdSha256));
        }

        return new LoadedPool(candidates, revisions);
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

/// <summary>Every candidate package of a set of repositories, and which revision of each was read.</summary>
public sealed record LoadedPool(List<PackageCandidate> Candidates, IReadOnlyList<RepositoryRevision> Repositories);

/// <param name="RepoMdSha256">The SHA-256 of the repomd.xml read: the repository's state when it was used.</param>
public sealed record RepositoryRevision(string Id, string Location, string RepoMdSha256);
