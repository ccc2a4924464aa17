using System.Diagnostics;
using System.Security.Cryptography;
using Basalt.Compose.Boot;
using Basalt.Compose.Definition;
using Basalt.Compose.Install;
using Basalt.Compose.Layout;
using Basalt.Compose.Outputs;
using Basalt.Imaging.Cosi;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Build;

/// <summary>
/// <c>basalt build</c>: an image definition and its repositories in, verity-sealed disk images out. Resolve (or read the
/// lockfile), fetch and verify, install the payloads into an in-memory tree (rootless: nothing is extracted to the host,
/// no scriptlet runs), apply the declarative equivalents of the scriptlets and the definition's own settings, lay out the
/// immutable host, and write every artefact the definition asks for. Every artefact and the lockfile appear in the
/// output folder together at the end; a failed or cancelled build leaves the folder as it found it.
/// </summary>
public static partial class ImageBuilder
{
    public const string LockFileName = "basalt.lock";

    public static async Task<BuildReport> BuildAsync(ImageBuildOptions options, IBuildObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);
        var definition = DefinitionLoader.Load(options.DefinitionPath);
        var stages = new List<BuildReportStage>();
        var resolved = await RunStageAsync(BuildStage.Resolve, "resolving packages", stages, observer,
            () => PackageResolver.ResolveAsync(definition, options, observer, cancellationToken),
            r => $"{r.InstallOrder.Count} packages" + (r.FromLock ? " (from the lockfile)" : "")).ConfigureAwait(false);

        using var staging = OutputStaging.Create(options.OutputDirectory);
        var sourceDateEpoch = definition.Reproducibility.SourceDateEpoch ?? options.EnvironmentSourceDateEpoch
            ?? resolved.InstallOrder.Select(p => p.BuildTime).DefaultIfEmpty(0).Max();
        var tree = new FileTree { DefaultTimestamp = new FileTimestamp(sourceDateEpoch) };
        var (fetched, install) = await FetchAndInstallAsync(resolved, options, tree,
            new InstallOptions { SourceDateEpoch = sourceDateEpoch, ScratchDirectory = staging.Scratch }, stages, observer, cancellationToken).ConfigureAwait(false);

        var configured = await RunStageAsync(BuildStage.Configure, "applying accounts, units and configuration", stages, observer,
            () => ImageConfigurator.ApplyAsync(tree, definition, install, sourceDateEpoch, staging.Scratch, observer, cancellationToken),
            c => $"{c.AccountNotes.Count} account changes, {c.UnitNotes.Count} unit changes").ConfigureAwait(false);

        var boot = definition.Boot is { } bootDefinition
            ? await RunStageAsync(BuildStage.Boot, "making the initrd and collecting the boot chain", stages, observer,
                () => BootAssembler.AssembleAsync(tree, bootDefinition, install.Packages, new FileTimestamp(sourceDateEpoch), cancellationToken),
                BootAssembler.Summarize).ConfigureAwait(false)
            : null;

        var trees = await RunStageAsync(BuildStage.Layout, "laying out the immutable host", stages, observer,
            () => Task.FromResult(ImmutableLayout.Build(tree, definition, sourceDateEpoch, boot)),
            _ => "/usr, factory /etc, ESP").ConfigureAwait(false);

        var packages = install.Packages.Select(p => new CosiPackage(p.Info.Name, p.Info.Version, p.Info.Release, p.Info.Arch)).ToList();
        var image = await RunStageAsync(BuildStage.Write, "writing artefacts", stages, observer,
            () => ImageWriter.WriteAsync(trees, definition, packages, sourceDateEpoch, staging.Artifacts, staging.Scratch,
                new WriteProgress(observer), options.SecureBootSigner, cancellationToken),
            w => string.Join(", ", w.Artifacts.Select(a => a.Format))).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        resolved.Lock.Save(Path.Combine(staging.Artifacts, LockFileName));
        if (options.Finishing is { } finishing)
        {
            var outputs = CollectOutputs(definition, options, sourceDateEpoch, resolved, fetched, install, trees, image, staging.Artifacts);
            await RunStageAsync(BuildStage.Attest, "writing SBOMs, provenance and checksums", stages, observer,
                () => finishing(outputs, cancellationToken), names => string.Join(", ", names)).ConfigureAwait(false);
        }

        var report = new BuildReport
        {
            Name = definition.Name,
            Version = definition.Version,
            Arch = DefinitionNames.Of(definition.Arch),
            SourceDateEpoch = sourceDateEpoch,
            DefinitionPath = Path.GetFullPath(options.DefinitionPath),
            RepositoryLocations = options.RepositoryLocations,
            FromLockFile = resolved.FromLock,
            Packages = [.. fetched.Zip(install.Packages, (f, i) => new BuildReportPackage(f.Candidate.Nevra.ToString(), f.Candidate.RepositoryId,
                f.Candidate.Location, f.Sha256, f.Candidate.Size, i.FileCount, i.InstalledBytes, f.SigningKey))],
            Image = image with { Artifacts = [.. image.Artifacts.Select(a => a with { Path = PublishedPath(options, a.Path) })] },
            Scriptlets = install.Scriptlets,
            Accounts = configured.AccountNotes,
            Units = configured.UnitNotes,
            Libraries = configured.LibraryNotes,
            Warnings = [.. install.Warnings, .. configured.Warnings],
            Stages = stages,
            Boot = boot is null ? null : BootReport(definition, boot, install, trees, options),
        };
        BuildReportWriter.Write(report, Path.Combine(staging.Artifacts, ReportFileName(definition)));
        var published = staging.Publish();
        if (options.LockFilePath is not null && (!resolved.FromLock || options.UpdateLock))
        {
            resolved.Lock.Save(options.LockFilePath);
        }

        return report with { Published = [.. published.Select(Path.GetFileName).OfType<string>()] };
    }

    private static BuildOutputs CollectOutputs(ImageDefinition definition, ImageBuildOptions options, long sourceDateEpoch, ResolvedPackages resolved,
        IReadOnlyList<FetchedPackage> fetched, InstallResult install, ImageTrees trees, ImageWriteResult image, string directory)
    {
        var requires = RequiresGraph.Build(resolved.InstallOrder);
        var osRelease = trees.OsReleaseText is { } text ? OsReleaseFile.Parse(text) : new Dictionary<string, string>();
        return new BuildOutputs
        {
            Definition = definition,
            DefinitionPath = Path.GetFullPath(options.DefinitionPath),
            Options = options,
            SourceDateEpoch = sourceDateEpoch,
            Packages = [.. fetched.Zip(install.Packages, (f, i) => new BuiltPackage(i.Info, f.Candidate.Nevra.ToString(), f.Candidate.RepositoryId,
                PackageUri(resolved.Repositories[f.Candidate.RepositoryId].Location, f.Candidate.Location), f.Sha256, f.Candidate.Size, requires[f.Candidate]))],
            Repositories = resolved.Revisions,
            Image = image,
            OsRelease = osRelease,
            Directory = directory,
            FromLockFile = resolved.FromLock,
        };
    }

    private static BuildReportBoot BootReport(ImageDefinition definition, BootAssets boot, InstallResult install, ImageTrees trees, ImageBuildOptions options)
    {
        var entry = boot.Stub is not null ? EspBoot.UkiPath(definition, trees.OsReleaseText ?? "") : EspLayout.Entries(trees.Esp).Select(e => e.Path).FirstOrDefault() ?? "";
        var kernel = install.Packages.First(p => p.Info.Name == definition.Boot!.Kernel);
        return new BuildReportBoot(boot.KernelVersion, kernel.File.Nevra, boot.Initrd.Length, Convert.ToHexStringLower(SHA256.HashData(boot.Initrd)),
            boot.InitrdEntries, boot.Modules, entry, options.SecureBootSigner?.Certificate.Subject);
    }

    /// <summary>Where an artefact written in the staging folder is once published, for the report.</summary>
    private static string PublishedPath(ImageBuildOptions options, string stagedPath)
        => Path.Combine(Path.GetFullPath(options.OutputDirectory), Path.GetFileName(stagedPath));

    /// <summary>A package's address: file:// for a local repository, else the repository URL joined with the href.</summary>
    private static string PackageUri(string repositoryLocation, string href)
        => repositoryLocation.Contains("://", StringComparison.Ordinal)
            ? repositoryLocation.TrimEnd('/') + "/" + href
            : new Uri(Path.Combine(repositoryLocation, href)).AbsoluteUri;

    public static string ReportFileName(ImageDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return $"{definition.Name}-{definition.Version}.report.json";
    }

    private static async Task<T> RunStageAsync<T>(BuildStage stage, string description, List<BuildReportStage> stages, IBuildObserver observer,
        Func<Task<T>> run, Func<T, string> summarize)
    {
        observer.StageStarted(stage, description);
        var clock = Stopwatch.StartNew();
        var result = await run().ConfigureAwait(false);
        var summary = summarize(result);
        stages.Add(new BuildReportStage(stage.ToString().ToLowerInvariant(), Math.Round(clock.Elapsed.TotalSeconds, 3), summary));
        observer.StageCompleted(stage, clock.Elapsed, summary);
        return result;
    }

    /// <summary>
    /// Write-stage progress, handed to the observer as it is reported and one report at a time. Progress&lt;T&gt; would post
    /// each to the thread pool, where reports from the writers working side by side could reach the observer at once, or
    /// after the stage had ended.
    /// </summary>
    private sealed class WriteProgress(IBuildObserver observer) : IProgress<string>
    {
        private readonly Lock _lock = new();

        public void Report(string value)
        {
            lock (_lock)
            {
                observer.StageProgress(BuildStage.Write, 0, 0, value);
            }
        }
    }
}
