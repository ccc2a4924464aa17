using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests;

public sealed class AtomicOutputTests
{
    [Fact]
    public void CreateFile_Commit_ReplacesDestination()
    {
        using var temp = new TempDirectory();
        var destination = temp.Path("out", "image.raw");
        Directory.CreateDirectory(temp.Path("out"));
        File.WriteAllText(destination, "old");
        using (var output = AtomicOutput.CreateFile(destination))
        {
            output.Stream.Write("new"u8);
            Assert.Equal("old", File.ReadAllText(destination));
            output.Commit();
        }

        Assert.Equal("new", File.ReadAllText(destination));
        Assert.Equal(["image.raw"], Directory.GetFiles(temp.Path("out")).Select(Path.GetFileName));
    }

    [Fact]
    public void CreateFile_DisposeWithoutCommit_LeavesNothing()
    {
        using var temp = new TempDirectory();
        var destination = temp.Path("image.raw");
        using (var output = AtomicOutput.CreateFile(destination))
        {
            output.Stream.Write(new byte[1000]);
            Assert.True(File.Exists(output.TemporaryPath));
        }

        Assert.Empty(Directory.GetFileSystemEntries(temp.FullPath));
    }

    [Fact]
    public void CreateDirectory_Commit_ReplacesExistingDirectory()
    {
        using var temp = new TempDirectory();
        var destination = temp.Path("tree");
        Directory.CreateDirectory(destination);
        File.WriteAllText(Path.Combine(destination, "stale"), "x");
        using (var output = AtomicOutput.CreateDirectory(destination))
        {
            File.WriteAllText(Path.Combine(output.TemporaryPath, "fresh"), "y");
            output.Commit();
        }

        Assert.Equal(["fresh"], Directory.GetFileSystemEntries(destination).Select(Path.GetFileName));
        Assert.Equal(["tree"], Directory.GetFileSystemEntries(temp.FullPath).Select(Path.GetFileName));
    }

    [Fact]
    public void CreateDirectory_DisposeWithoutCommit_LeavesNothing()
    {
        using var temp = new TempDirectory();
        using (var output = AtomicOutput.CreateDirectory(temp.Path("tree")))
        {
            Directory.CreateDirectory(Path.Combine(output.TemporaryPath, "a", "b"));
        }

        Assert.Empty(Directory.GetFileSystemEntries(temp.FullPath));
    }
}
