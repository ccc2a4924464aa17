using Basalt.Compose.Build;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Build;

public sealed class OutputStagingTests
{
    [Fact]
    public void Create_StagingOfAKilledBuild_IsRemoved()
    {
        using var output = new TempDirectory();
        // No process has id int.MaxValue: a build that was killed and left its staging folder behind.
        var abandoned = Directory.CreateDirectory(output.Path($".basalt-build-{int.MaxValue}-deadbeef", "out")).Parent!.FullName;
        File.WriteAllText(Path.Combine(abandoned, "out", "half.raw"), "partial");
        var running = Directory.CreateDirectory(output.Path($".basalt-build-{Environment.ProcessId}-cafebabe")).FullName;

        using (OutputStaging.Create(output.FullPath))
        {
            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(running));
        }
    }

    [Fact]
    public void Dispose_WithoutPublishing_LeavesTheOutputFolderAsItWas()
    {
        using var output = new TempDirectory();
        File.WriteAllText(output.Path("keep.txt"), "x");

        using (var staging = OutputStaging.Create(output.FullPath))
        {
            File.WriteAllText(Path.Combine(staging.Artifacts, "image.raw"), "half");
        }

        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(output.FullPath).Select(Path.GetFileName));
    }
}
