using Basalt.Compose.Definition;
using Basalt.Packaging.Model;
using Basalt.Repositories;
using Basalt.Repositories.Sources;
using Basalt.Solver;
using Basalt.Solver.Locking;
using ComposeRepository = Basalt.Compose.Definition.RepositoryDefinition;
using LoaderRepository = Basalt.Repositories.RepositoryDefinition;

namespace Basalt.Compose.Build;

/// <summary>The packages an image installs, in rpm's install order, and where each comes from.</summary>
internal sealed record ResolvedPackages(IReadOnlyList<PackageCandidate> InstallOrder, IReadOnlyDictionary<string, LoaderRepository> Repositories,
    IReadOnlyList<RepositoryRevision> Revisions, LockFile Lock, bool FromLock);

/// <summary>
/// The resolve stage: loads every repository of the definition (with the build's location overrides), and solves the
/// install list the way <c>basalt resolve</c> does — from the lockfile when one is given, so a rebuild installs the same bytes.
/// </summary>
internal static class PackageResolver
{
    public static async Task<ResolvedPackages> ResolveAsync(ImageDefinition definition, ImageBuildOptions options, IBuildObserver observer,
        CancellationToken cancellationToken)
    {
        var repositories = definition.Repositories.Select(r => ToLoaderDefinition(r, options.RepositoryLocations)).ToList();
        var unknown = options.RepositoryLocations.Keys.Where(id => repositories.All(r => r.Id != id)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new BuildException($"--repo names repository '{unknown[0]}', which the definition does not have (it has: "
                + string.Join(", ", repositories.Select(r => r.Id)) + ").");
        }

        var pool = await RepositoryPool.LoadPoolAsync(repositories, FilelistsMode.Auto, observer.Notice, options.Cache ?? RepositoryCache.Default,
            cancellationToken).ConfigureAwait(false);
        var candidates = pool.Candidates;
        observer.StageProgress(BuildStage.Resolve, 1, 2, $"{candidates.Count} packages in {repositories.Count} repositories");

        var lockPath = options.LockFilePath;
        var lockFile = lockPath is not null && File.Exists(lockPath) && !options.UpdateLock ? LockFile.Load(lockPath) : null;
        var solverOptions = new SolverOptions
        {
            TargetArchitecture = DefinitionNames.Of(definition.Arch),
            InstallWeakDependencies = definition.Packages.WeakDeps,
            Excludes = definition.Packages.Exclude,
            Lock = lockFile,
        };
        var (names, nevras) = JobParser.Index(candidates);
        var jobs = definition.Packages.Install.Select(p => JobParser.Parse(p, names, nevras)).ToList();
        var resolution = PackageSolver.Solve(candidates, [], jobs, solverOptions, cancellationToken);
        if (!resolution.Succeeded)
        {
            throw new BuildException("the packages of the image cannot be installed together:\n"
                + string.Join("\n", resolution.Problems.Select(p => "  " + p.ToString().Replace("\n", "\n  ", StringComparison.Ordinal))), exitCode: 1);
        }

        return new ResolvedPackages(resolution.InstallOrder, repositories.ToDictionary(r => r.Id, StringComparer.Ordinal), pool.Repositories,
            LockFile.From(resolution.Packages), lockFile is not null);
    }

    private static LoaderRepository ToLoaderDefinition(ComposeRepository repository, IReadOnlyDictionary<string, string> locations)
    {
        var location = locations.TryGetValue(repository.Id, out var overridden)
            ? overridden
            : repository.Path ?? repository.Baseurl!.ToString();
        return new LoaderRepository(repository.Id, location)
        {
            Priority = repository.Priority,
            GpgCheck = repository.Gpgcheck,
            RepoGpgCheck = repository.RepoGpgcheck,
            GpgKeys = repository.GpgKeys,
        };
    }
}
