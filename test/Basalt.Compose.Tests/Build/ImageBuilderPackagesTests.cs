using Basalt.Compose.Build;
using Basalt.Compose.Install;
using Basalt.Compose.Tests.Install;
using Basalt.Repositories.Writing;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Build;

/// <summary>
/// Fetch and install overlap (each package is decoded once verified, while later ones are still fetched): the stages
/// still reach the observer one after the other, a damaged package is refused by name, and a cancelled build leaves nothing.
/// The report names the artefacts where they were published.
/// </summary>
public sealed class ImageBuilderPackagesTests
{
    private const int PackageCount = 6;

    [Fact]
    public async Task BuildAsync_FetchOverlapsInstall_ObserverSeesFetchThenInstallOneCallAtATime()
    {
        using var temp = new TempDirectory();
        var options = await Prepare(temp);
        var observer = new RecordingObserver();

        var report = await ImageBuilder.BuildAsync(options, observer, TestContext.Current.CancellationToken);

        var fetchAndInstall = observer.Events.SkipWhile(e => e.Stage != BuildStage.Fetch).TakeWhile(e => e.Stage != BuildStage.Configure).ToList();
        Assert.Equal(
            ["started Fetch", .. Enumerable.Repeat("progress Fetch", PackageCount), "completed Fetch", "started Install"],
            fetchAndInstall.Take(PackageCount + 3).Select(e => $"{e.Kind} {e.Stage}"));
        Assert.All(fetchAndInstall.Skip(PackageCount + 3).SkipLast(1), e => Assert.Equal(("progress", BuildStage.Install), (e.Kind, e.Stage)));
        Assert.Equal(("completed", BuildStage.Install), (fetchAndInstall[^1].Kind, fetchAndInstall[^1].Stage));
        Assert.Equal(["resolve", "fetch", "install", "configure", "layout", "write"], report.Stages.Select(s => s.Stage));
        Assert.Equal(Enumerable.Range(0, PackageCount).Select(i => $"o{i}-1-1.noarch"), report.Packages.Select(p => p.Nevra).Order(StringComparer.Ordinal));
        Assert.False(observer.Overlapped);
        var write = observer.Events.SkipWhile(e => e.Stage != BuildStage.Write).ToList();
        Assert.Equal(("completed", BuildStage.Write), (write[^1].Kind, write[^1].Stage));
        Assert.Contains(("progress", BuildStage.Write), write.Select(e => (e.Kind, e.Stage)));
        var raw = Assert.Single(report.Image.Artifacts);
        Assert.Equal(Path.Combine(options.OutputDirectory, "overlap-1.0.0.raw"), raw.Path);
        Assert.True(File.Exists(raw.Path));
    }

    [Fact]
    public async Task BuildAsync_PayloadNotMatchingPayloadDigest_FailsNamingThePackageAndLeavesNoOutput()
    {
        using var temp = new TempDirectory();
        var options = await Prepare(temp, damage: "o4");

        var error = await Assert.ThrowsAsync<BuildException>(() => ImageBuilder.BuildAsync(options, NullBuildObserver.Instance, TestContext.Current.CancellationToken));

        Assert.StartsWith($"package o4-1-1.noarch ('{Path.Combine(temp.Path("repo"), "o4-1-1.noarch.rpm")}') is damaged: Payload SHA256 digest: BAD", error.Message,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.OutputDirectory));
    }

    [Fact]
    public async Task BuildAsync_CancelledWhilePackagesDecodeDuringFetch_LeavesTheOutputFolderAsItWas()
    {
        using var temp = new TempDirectory();
        var options = await Prepare(temp);
        Directory.CreateDirectory(options.OutputDirectory);
        File.WriteAllText(Path.Combine(options.OutputDirectory, "keep.txt"), "from before");
        using var cancellation = new CancellationTokenSource();
        var observer = new RecordingObserver { CancelAtFetched = (2, cancellation) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImageBuilder.BuildAsync(options, observer, cancellation.Token));

        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(options.OutputDirectory).Select(Path.GetFileName));
        Assert.DoesNotContain(observer.Events, e => e.Stage == BuildStage.Install);
    }

    /// <summary>
    /// PackageCount packages with spooled contents in an indexed repository and a definition using it; with
    /// <paramref name="damage"/>, that package's compressed payload is altered and the repository re-indexed, so only
    /// the package's own PAYLOADDIGEST can tell.
    /// </summary>
    private static async Task<ImageBuildOptions> Prepare(TempDirectory temp, string? damage = null)
    {
        var repo = temp.Path("repo");
        Directory.CreateDirectory(repo);
        for (var i = 0; i < PackageCount; i++)
        {
            var package = TestPackages.Build(temp, $"o{i}", new Dictionary<string, byte[]>
            {
                [$"/usr/lib/o{i}/big"] = Content(i, 80_000 + i),
                [$"/usr/share/o{i}/small"] = Content(i + 100, 300),
            });
            File.Move(package.Path, Path.Combine(repo, Path.GetFileName(package.Path)));
        }

        if (damage is not null)
        {
            var path = Path.Combine(repo, $"{damage}-1-1.noarch.rpm");
            var bytes = File.ReadAllBytes(path);
            bytes[^40] ^= 0x55;
            File.WriteAllBytes(path, bytes);
        }

        await RepositoryIndexer.IndexAsync(repo, cancellationToken: TestContext.Current.CancellationToken);
        var definition = temp.Path("image.yaml");
        File.WriteAllText(definition, $"""
            name: overlap
            version: 1.0.0
            arch: x86_64
            repositories:
              - id: local
                path: {repo}
                gpgcheck: false
            packages:
              install: [{string.Join(", ", Enumerable.Range(0, PackageCount).Select(i => $"o{i}"))}]
            disk:
              ab: false
              partitions:
                esp: 64M
                usr: 64M
            outputs: [raw]
            reproducibility:
              source_date_epoch: 1700000000
            """);
        return new ImageBuildOptions { DefinitionPath = definition, OutputDirectory = temp.Path("image"), Cache = new Basalt.Repositories.Sources.RepositoryCache(temp.Path("cache")) };
    }

    private static byte[] Content(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private sealed record Event(string Kind, BuildStage Stage);

    /// <summary>Records every call; notes whether two fetch or install calls ever overlapped (the observer contract is one call at a time).</summary>
    private sealed class RecordingObserver : IBuildObserver
    {
        private int _inside;

        public List<Event> Events { get; } = [];

        public bool Overlapped { get; private set; }

        public (int Done, CancellationTokenSource Source)? CancelAtFetched { get; init; }

        public void StageStarted(BuildStage stage, string description) => Record("started", stage);

        public void StageProgress(BuildStage stage, long done, long total, string detail)
        {
            Record("progress", stage);
            if (stage == BuildStage.Fetch && CancelAtFetched is { } cancel && done == cancel.Done)
            {
                cancel.Source.Cancel();
            }
        }

        public void StageCompleted(BuildStage stage, TimeSpan elapsed, string summary) => Record("completed", stage);

        public void Notice(string message)
        {
        }

        private void Record(string kind, BuildStage stage)
        {
            // Every call counts: the overlapped fetch and install, and the write stage's writers working side by side.
            if (Interlocked.Increment(ref _inside) > 1)
            {
                Overlapped = true;
            }

            Thread.Sleep(1);

            lock (Events)
            {
                Events.Add(new Event(kind, stage));
            }

            Interlocked.Decrement(ref _inside);
        }
    }
}
