using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Mkfs;

public sealed class MkfsErofsCommandTests
{
    private const string Uuid = "12345678-9abc-4def-8123-456789abcdef";

    [Fact]
    public void Run_Directory_WritesImageFsckAcceptsAndDumpShowsOptions()
    {
        var fsck = ExternalTool.Require("fsck.erofs", "erofs-utils");
        var dump = ExternalTool.Require("dump.erofs", "erofs-utils");
        using var temp = new TempDirectory("cli-erofs");
        var source = temp.Path("src");
        Directory.CreateDirectory(Path.Combine(source, "etc"));
        File.WriteAllText(Path.Combine(source, "etc", "os-release"), "ID=basalt\n");
        File.CreateSymbolicLink(Path.Combine(source, "link"), "etc/os-release");
        var image = temp.Path("out.erofs");

        var result = Cli.Run("mkfs", "erofs", source, image, "--all-root", "--timestamp", "1700000000", "--uuid", Uuid);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Wrote '{image}': 4 inodes, 1 blocks of 4096 bytes (4096 bytes), UUID {Uuid}.\n", result.StandardOutput);
        Assert.Equal(0, ExternalTool.Run(fsck, [image]).ExitCode);
        var superblock = ExternalTool.Run(dump, ["-s", image]).EnsureSuccess("dump.erofs").StandardOutput;
        Assert.Contains(Uuid, superblock, StringComparison.Ordinal);
        Assert.Contains("Tue Nov 14 22:13:20 2023", superblock, StringComparison.Ordinal);
        var inode = ExternalTool.Run(dump, ["--path=/etc/os-release", image]).EnsureSuccess("dump.erofs").StandardOutput;
        Assert.Contains("Uid: 0   Gid: 0", inode, StringComparison.Ordinal);
        Assert.Contains("Inode size: 32", inode, StringComparison.Ordinal); // mtime == build time: compact inode
    }

    [Fact]
    public void Run_SameDirectoryTwice_IdenticalBytes()
    {
        using var temp = new TempDirectory("cli-erofs");
        var source = temp.Path("src");
        Directory.CreateDirectory(source);
        for (var i = 0; i < 50; i++)
        {
            File.WriteAllText(Path.Combine(source, $"f{i}"), new string('x', i * 100));
        }

        Assert.Equal(0, Cli.Run("mkfs", "erofs", source, temp.Path("a"), "--all-root", "-T", "0").ExitCode);
        Assert.Equal(0, Cli.Run("mkfs", "erofs", source, temp.Path("b"), "--all-root", "-T", "0").ExitCode);
        Assert.Equal(File.ReadAllBytes(temp.Path("a")), File.ReadAllBytes(temp.Path("b")));
    }

    [Fact]
    public void Run_WithoutTimestamp_KeepsMtimesAndBuildTimeIsNewest()
    {
        var dump = ExternalTool.Require("dump.erofs", "erofs-utils");
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")))
        {
            Assert.Skip("SOURCE_DATE_EPOCH is set, which fixes every mtime.");
        }

        using var temp = new TempDirectory("cli-erofs");
        var source = temp.Path("src");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "old"), "o");
        File.WriteAllText(Path.Combine(source, "new"), "n");
        File.SetLastWriteTimeUtc(Path.Combine(source, "old"), new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(Path.Combine(source, "new"), new DateTime(2022, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        Directory.SetLastWriteTimeUtc(source, new DateTime(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(0, Cli.Run("mkfs", "erofs", source, temp.Path("out")).ExitCode);

        Assert.Contains("Thu Feb  3 04:05:06 2022", ExternalTool.Run(dump, ["-s", temp.Path("out")]).StandardOutput, StringComparison.Ordinal);
        var old = ExternalTool.Run(dump, ["--path=/old", temp.Path("out")]).StandardOutput;
        Assert.Contains("2001-02-03 04:05:06", old, StringComparison.Ordinal);
        Assert.Contains("Inode size: 64", old, StringComparison.Ordinal); // mtime != build time: extended inode
        Assert.Contains("Inode size: 32", ExternalTool.Run(dump, ["--path=/new", temp.Path("out")]).StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingSource_ExitsBadInputNamingDirectory()
    {
        using var temp = new TempDirectory("cli-erofs");
        var result = Cli.Run("mkfs", "erofs", temp.Path("missing"), temp.Path("out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"basalt: error: Source directory '{temp.Path("missing")}' does not exist.\n", result.StandardError);
        Assert.False(File.Exists(temp.Path("out")));
    }
}
