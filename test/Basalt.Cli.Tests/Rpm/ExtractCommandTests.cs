using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Rpm;

public sealed class ExtractCommandTests
{
    [Fact]
    public void Extract_Package_CreatesDirectoryWithFiles()
    {
        using var scratch = new TempDirectory();
        var target = scratch.Path("new", "root");

        var result = Cli.Run("rpm", "extract", Fixtures.Path("rpms/go-rpmutils/testdata/payload-test-0.1-w6.xzdio.x86_64.rpm"), target);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Some data\n", File.ReadAllText(Path.Combine(target, "usr", "share", "payload-test.txt")));
        Assert.Contains("1 files", result.StandardOutput, StringComparison.Ordinal);
        Assert.Single(Directory.GetFileSystemEntries(scratch.Path("new"))); // no temporary sibling left behind
    }

    [Fact]
    public void Extract_NonEmptyTarget_RefusedExitTwo()
    {
        using var scratch = new TempDirectory();
        File.WriteAllText(scratch.Path("keep.txt"), "mine");

        var result = Cli.Run("rpm", "extract", Fixtures.Path("rpms/go-rpmutils/testdata/payload-test-0.1-w6.xzdio.x86_64.rpm"), scratch.FullPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("it exists and is not an empty directory", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(scratch.Path("keep.txt")));
    }

    [Fact]
    public void Extract_TamperedPayload_FailsAndLeavesNothing()
    {
        using var scratch = new TempDirectory();
        var bytes = File.ReadAllBytes(Fixtures.Path("rpms/go-rpmutils/testdata/payload-test-0.1-w.ufdio.x86_64.rpm"));
        var at = bytes.AsSpan().IndexOf("Some data"u8);
        bytes[at] = (byte)'X';
        var package = scratch.Path("tampered.rpm");
        File.WriteAllBytes(package, bytes);
        var target = scratch.Path("out");

        var result = Cli.Run("rpm", "extract", package, target);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'/usr/share/payload-test.txt'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("does not match the header's", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.Equal([package], Directory.GetFileSystemEntries(scratch.FullPath));
    }
}
