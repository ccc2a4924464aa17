using Basalt.Packaging.Model;
using Basalt.Repositories;

namespace Basalt.Cli.Commands.Resolve;

/// <summary>
/// Loads the candidate packages of every repository. Primary metadata lists only the "interesting" files
/// (/etc, bin directories); like dnf, the file lists are loaded only when some requirement names a path
/// that primary does not provide.
/// </summary>
internal enum FilelistsMode
{
    Auto,
    Always,
    Never,
}

internal static class RepositoryPool
{
    public static async Task<List<PackageCandidate>> LoadAsync(IReadOnlyList<RepositoryDefinition> definitions, FilelistsMode mode,
        CliContext context, CancellationToken cancellationToken)
    {
        var primary = await LoadAllAsync(definitions, filelists: mode == FilelistsMode.Always, cancellationToken).ConfigureAwait(false);
        if (mode != FilelistsMode.Auto || !NeedsFilelists(primary))
        {
            return primary;
        }

        await context.Error.WriteLineAsync("basalt: a file dependency is not in primary metadata; loading file lists").ConfigureAwait(false);
        return await LoadAllAsync(definitions, filelists: true, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<PackageCandidate>> LoadAllAsync(IReadOnlyList<RepositoryDefinition> definitions, bool filelists,
        CancellationToken cancellationToken)
    {
        var candidates = new List<PackageCandidate>();
        foreach (var definition in definitions)
        {
            var repository = await RepositoryLoader.LoadAsync(definition, new RepositoryLoadOptions { Filelists = filelists, KeepText = false },
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
