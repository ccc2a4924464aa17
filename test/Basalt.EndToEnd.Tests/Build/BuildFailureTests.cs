using Basalt.Compose.Build;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Build;

/// <summary>A build that is cancelled or given bad input says why, exits non-zero and leaves its output folder as it was.</summary>
[Collection(SampleImageGroup.Name)]
public sealed class BuildFailureTests(SampleImageFixture image)
{
    [Theory]
    [InlineData(BuildStage.Resolve)]
    [InlineData(BuildStage.Fetch)]
    [InlineData(BuildStage.Install)]
    [InlineData(BuildStage.Configure)]
    [InlineData(BuildStage.Layout)]
    [InlineData(BuildStage.Write)]
    public async Task Build_CancelledInAnyStage_LeavesTheOutputFolderAsItWas(BuildStage stage)
    {
        using var output = new TempDirectory();
        File.WriteAllText(output.Path("keep.txt"), "from before");
        using var cancellation = new CancellationTokenSource();
        var options = new ImageBuildOptions
        {
            DefinitionPath = SampleImageFixture.Definition,
            OutputDirectory = output.FullPath,
            RepositoryLocations = new Dictionary<string, string> { ["basalt-samples"] = image.Repository },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ImageBuilder.BuildAsync(options, new CancelAt(stage, cancellation), cancellation.Token));

        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(output.FullPath).Select(Path.GetFileName));
        Assert.Equal("from before", File.ReadAllText(output.Path("keep.txt")));
    }

    [Fact]
    public void Build_UnknownRepositoryOverride_ExitsTwoNamingIt()
    {
        using var output = new TempDirectory();

        var result = BasaltProcess.Run(["build", SampleImageFixture.Definition, "-o", output.FullPath, "--repo", "nosuch=" + image.Repository]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("basalt: error: --repo names repository 'nosuch', which the definition does not have (it has: basalt-samples).\n", result.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.FullPath));
    }

    [Fact]
    public void Build_PackageNoRepositoryHas_ExitsOneNamingIt()
    {
        using var work = new TempDirectory();
        var definition = work.Path("image.yaml");
        File.WriteAllText(definition, File.ReadAllText(SampleImageFixture.Definition).Replace("    - basalt-host\n", "    - basalt-host\n    - no-such-package\n",
            StringComparison.Ordinal));

        var result = BasaltProcess.Run(["build", definition, "-o", work.Path("out"), "--repo", "basalt-samples=" + image.Repository]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-package", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Path("out")) && Directory.EnumerateFileSystemEntries(work.Path("out")).Any());
    }

    /// <summary>Cancels the build the moment it enters <paramref name="stage"/>, as Ctrl+C would.</summary>
    private sealed class CancelAt(BuildStage stage, CancellationTokenSource cancellation) : IBuildObserver
    {
        public void StageStarted(BuildStage started, string description)
        {
            if (started == stage)
            {
                cancellation.Cancel();
            }
        }

        public void StageProgress(BuildStage stage, long done, long total, string detail)
        {
        }

        public void StageCompleted(BuildStage stage, TimeSpan elapsed, string summary)
        {
        }

        public void Notice(string message)
        {
        }
    }
}
