using System.Diagnostics;
using Basalt.Compose.Install;
using Basalt.Imaging.Tree;
using Basalt.IO;
using Basalt.Repositories.Sources;

namespace Basalt.Compose.Build;

public static partial class ImageBuilder
{
    private const string FetchDescription = "fetching and verifying packages";
    private const string InstallDescription = "installing payloads";

    /// <summary>
    /// The fetch and install stages, overlapped: each package is decoded as soon as it is verified, while later ones are
    /// still being fetched, and placed in install order, so the tree, the warnings and every error are those of installing
    /// after fetching everything. The fetch stage ends when the last package is verified; the install stage runs from then
    /// until the last package is placed (its decoding began during the fetch). A fetch error wins over an install error, as
    /// when the stages ran one after the other: an install that fails early waits for the fetch to finish first.
    /// </summary>
    private static async Task<(IReadOnlyList<FetchedPackage> Fetched, InstallResult Install)> FetchAndInstallAsync(ResolvedPackages resolved,
        ImageBuildOptions options, FileTree tree, InstallOptions installOptions, List<BuildReportStage> stages, IBuildObserver observer,
        CancellationToken cancellationToken)
    {
        var packages = resolved.InstallOrder;
        var events = new StageEvents(observer, packages.Count);
        events.Started(BuildStage.Fetch, FetchDescription);
        var clock = Stopwatch.StartNew();
        using var installCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetch = PackageFetcher.Start(packages, resolved.Repositories, options.Cache ?? RepositoryCache.Default, events.Verified, cancellationToken);
        var installing = PackageInstaller.InstallAsync(tree, packages.Count,
            i => fetch.Package(i).ContinueWith(static verified => ToPackageFile(verified.GetAwaiter().GetResult()), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default),
            installOptions, events, installCancel.Token);

        IReadOnlyList<FetchedPackage> fetched;
        try
        {
            fetched = await fetch.All.ConfigureAwait(false);
        }
        catch
        {
            // The installer deletes its spool when it stops; wait for that before the staging folder goes.
            await installCancel.CancelAsync().ConfigureAwait(false);
            await ((Task)installing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        events.Completed(stages, BuildStage.Fetch, clock.Elapsed, $"{fetched.Count} packages, {ByteSize.Format(fetched.Sum(p => p.Candidate.Size))}");
        clock.Restart();
        events.Started(BuildStage.Install, InstallDescription);
        var install = await installing.ConfigureAwait(false);
        events.Completed(stages, BuildStage.Install, clock.Elapsed,
            $"{install.Packages.Sum(p => p.FileCount)} files, {ByteSize.Format(install.Packages.Sum(p => p.InstalledBytes))}");
        return (fetched, install);
    }

    private static PackageFile ToPackageFile(FetchedPackage package) =>
        new(package.Candidate.Nevra.ToString(), package.Path) { CompressedPayloadVerified = package.PayloadDigestVerified };

    /// <summary>
    /// Hands the observer one call at a time although packages are verified on several threads and placed on another, and
    /// keeps the stages apart: install progress is shown once the fetch stage has ended.
    /// </summary>
    private sealed class StageEvents(IBuildObserver observer, int packageCount) : IProgress<InstallProgress>
    {
        private readonly Lock _lock = new();
        private BuildStage _current = BuildStage.Fetch;
        private int _verified;

        public void Started(BuildStage stage, string description)
        {
            lock (_lock)
            {
                _current = stage;
                observer.StageStarted(stage, description);
            }
        }

        public void Completed(List<BuildReportStage> stages, BuildStage stage, TimeSpan elapsed, string summary)
        {
            lock (_lock)
            {
                stages.Add(new BuildReportStage(stage.ToString().ToLowerInvariant(), Math.Round(elapsed.TotalSeconds, 3), summary));
                observer.StageCompleted(stage, elapsed, summary);
            }
        }

        public void Verified(Basalt.Packaging.Model.PackageCandidate candidate)
        {
            lock (_lock)
            {
                observer.StageProgress(BuildStage.Fetch, ++_verified, packageCount, candidate.Nevra.ToString());
            }
        }

        public void Report(InstallProgress value)
        {
            lock (_lock)
            {
                if (_current == BuildStage.Install)
                {
                    observer.StageProgress(BuildStage.Install, value.PackagesDone, value.PackageCount, value.CurrentPackage);
                }
            }
        }
    }
}
