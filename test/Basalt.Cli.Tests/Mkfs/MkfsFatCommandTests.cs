using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Mkfs;

public sealed class MkfsFatCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new("basalt-mkfs-fat");

    public void Dispose() => _temp.Dispose();

    private string Source()
    {
        var root = _temp.Path("src");
        Directory.CreateDirectory(Path.Combine(root, "EFI", "BOOT"));
        Directory.CreateDirectory(Path.Combine(root, "loader", "entries"));
        File.WriteAllBytes(Path.Combine(root, "EFI", "BOOT", "BOOTX64.EFI"), [.. Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7))]);
        File.WriteAllText(Path.Combine(root, "loader", "entries", "basalt-1.0.conf"), "title Basalt\n");
        File.WriteAllText(Path.Combine(root, "loader", "loader.conf"), "timeout 0\n");
        return root;
    }

    [Fact]
    public void Fat_SourceDirectory_FsckCleanAndMcopyReadsBack()
    {
        var fsck = ExternalTool.Require("fsck.fat", "dosfstools");
        var mcopy = ExternalTool.Require("mcopy", "mtools");
        var source = Source();
        var image = _temp.Path("esp.img");
        var result = Cli.Run("mkfs", "fat", source, image, "--size", "40M", "--label", "esp", "--volume-id", "1234ABCD", "--timestamp", "1700000000");
        Assert.True(result.ExitCode == ExitCodes.Success, result.StandardError);
        Assert.Contains("volume id 1234-ABCD", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(40L * 1024 * 1024, new FileInfo(image).Length);

        var check = ExternalTool.Run(fsck, ["-n", image]);
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
        var output = _temp.Path("out");
        Directory.CreateDirectory(output);
        ExternalTool.Run(mcopy, ["-i", image, "-s", "-n", "::/", output]).EnsureSuccess("mcopy");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(output + file[source.Length..]));
        }

        var info = Cli.Run("disk", "info", image);
        Assert.Contains("File system: vfat (FAT32) label \"ESP\" uuid 1234-ABCD", info.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Fat_Twice_IdenticalBytes()
    {
        var source = Source();
        var a = _temp.Path("a.img");
        var b = _temp.Path("b.img");
        Assert.Equal(ExitCodes.Success, Cli.Run("mkfs", "fat", source, a, "--size", "34M", "--timestamp", "0").ExitCode);
        Assert.Equal(ExitCodes.Success, Cli.Run("mkfs", "fat", source, b, "--size", "34M", "--timestamp", "0").ExitCode);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Fat_TooSmall_ExitsBadInputWithMinimum()
    {
        var result = Cli.Run("mkfs", "fat", Source(), _temp.Path("small.img"), "--size", "16M");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("too small for FAT32", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Path("small.img")));
    }

    [Theory]
    [InlineData("--size", "lots")]
    [InlineData("--volume-id", "xyz")]
    public void Fat_BadOption_ExitsBadInput(string option, string value)
    {
        var args = new List<string> { "mkfs", "fat", Source(), _temp.Path("x.img"), "--size", "40M" };
        if (option == "--size")
        {
            args[^1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var result = Cli.Run([.. args]);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"'{value}'", result.StandardError, StringComparison.Ordinal);
    }
}
