using System.Text;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Fat;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Fat;

public sealed class FatWriterTests
{
    private const long Size = 64L * 1024 * 1024;
    private static readonly FileTimestamp Time = new(1_700_000_000);

    private static readonly (string Path, byte[] Content)[] Files =
    [
        ("/EFI/BOOT/BOOTX64.EFI", Payload(300_000, 1)),
        ("/EFI/Linux/basalt-1.0.0-1.x86_64.efi", Payload(1_500_000, 2)),
        ("/loader/loader.conf", Encoding.UTF8.GetBytes("timeout 3\ndefault basalt-*\n")),
        ("/loader/entries/Long File Name One.conf", Encoding.UTF8.GetBytes("one\n")),
        ("/loader/entries/Long File Name Two.conf", Encoding.UTF8.GetBytes("two\n")),
        ("/loader/entries/café — ünïcödé.txt", Encoding.UTF8.GetBytes("unicode\n")),
        ("/a/b/c/d/e/f/g/deep.txt", Encoding.UTF8.GetBytes("deep\n")),
        ("/empty", []),
        ("/zeros.bin", new byte[200_000]),
        ("/" + new string('n', 200) + ".txt", Encoding.UTF8.GetBytes("long\n")),
        ("/.hidden", Encoding.UTF8.GetBytes("dot\n")),
        ("/README", Encoding.UTF8.GetBytes("short only\n")),
    ];

    private static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static FileTree Tree(bool reversed = false)
    {
        var tree = new FileTree { DefaultTimestamp = Time };
        var files = reversed ? Files.Reverse().ToArray() : Files;
        foreach (var (path, content) in files)
        {
            tree.AddFile(path, content);
        }

        tree.CreateDirectory("/empty-dir");
        return tree;
    }

    private static FatOptions Options => new() { SizeBytes = Size, Label = "ESP", VolumeId = 0x1234ABCD };

    private static async Task<byte[]> BuildAsync(FileTree tree, FatOptions options)
    {
        using var stream = new MemoryStream();
        await FatWriter.WriteAsync(tree, stream, options, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static async Task<string> WriteAsync(TempDirectory temp)
    {
        var path = temp.Path("esp.img");
        await FatWriter.WriteAsync(Tree(), path, Options, TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Write_Tree_FsckFatFindsNoProblems()
    {
        var fsck = ExternalTool.Require("fsck.fat", "dosfstools");
        using var temp = new TempDirectory();
        var image = await WriteAsync(temp);
        var result = ExternalTool.Run(fsck, ["-n", "-v", image]);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("2 FATs, 32 bit entries", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("differ", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Tree_McopyReadsBackSameFilesAndContents()
    {
        var mcopy = ExternalTool.Require("mcopy", "mtools");
        using var temp = new TempDirectory();
        var image = await WriteAsync(temp);
        var output = temp.Path("out");
        Directory.CreateDirectory(output);
        ExternalTool.Run(mcopy, ["-i", image, "-s", "-n", "-m", "::/", output]).EnsureSuccess("mcopy");

        foreach (var (path, content) in Files)
        {
            var copied = output + path;
            Assert.True(File.Exists(copied), $"'{path}' missing after mcopy");
            Assert.Equal(content, await File.ReadAllBytesAsync(copied, TestContext.Current.CancellationToken));
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Time.Seconds).UtcDateTime, File.GetLastWriteTimeUtc(copied));
        }

        Assert.True(Directory.Exists(Path.Combine(output, "empty-dir")));
        var all = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => f[output.Length..]).Order(StringComparer.Ordinal);
        Assert.Equal(Files.Select(f => f.Path).Order(StringComparer.Ordinal), all);
    }

    [Fact]
    public async Task Write_Tree_MdirShowsShortNamesWithNumericTails()
    {
        var mdir = ExternalTool.Require("mdir", "mtools");
        using var temp = new TempDirectory();
        var image = await WriteAsync(temp);
        var listing = ExternalTool.Run(mdir, ["-i", image, "::/loader/entries"]).EnsureSuccess("mdir").StandardOutput;
        Assert.Matches(@"LONGFI~1 CON\s+4 .* Long File Name One\.conf", listing);
        Assert.Matches(@"LONGFI~2 CON\s+4 .* Long File Name Two\.conf", listing);
        Assert.Contains("café — ünïcödé.txt", listing, StringComparison.Ordinal);
        var root = ExternalTool.Run(mdir, ["-i", image, "::/"]).EnsureSuccess("mdir").StandardOutput;
        Assert.Contains("Volume in drive : is ESP", root, StringComparison.Ordinal);
        Assert.Contains("Volume Serial Number is 1234-ABCD", root, StringComparison.Ordinal);
        Assert.Matches(@"README\s+11 ", root);
        Assert.Matches(@"HIDDEN~1\s+4 .* \.hidden", root);
    }

    [Fact]
    public async Task Write_TwiceAndReorderedTree_IdenticalBytes()
    {
        var first = await BuildAsync(Tree(), Options);
        Assert.Equal(first, await BuildAsync(Tree(), Options));
        Assert.Equal(first, await BuildAsync(Tree(reversed: true), Options));
    }

    [Fact]
    public async Task Write_Probe_RecognisesFat32WithLabelAndId()
    {
        var image = await BuildAsync(Tree(), Options);
        var signature = FileSystemProbe.Probe(image);
        Assert.Equal(new FileSystemSignature("vfat", "ESP", "1234-ABCD", "FAT32"), signature);
    }

    [Fact]
    public void FromSize_BelowFat32Minimum_ThrowsWithMinimum()
    {
        var error = Assert.Throws<ArgumentException>(() => FatGeometry.FromSize(32L * 1024 * 1024));
        Assert.Contains("too small for FAT32", error.Message, StringComparison.Ordinal);
        Assert.Contains($"at least {FatGeometry.MinimumSizeBytes} bytes", error.Message, StringComparison.Ordinal);
        // 65525 clusters + 32 reserved sectors + 2 FATs of 512 sectors (fatgen103: FAT32 starts at 65525 clusters).
        Assert.Equal(66581L * 512, FatGeometry.MinimumSizeBytes);
        Assert.Equal(65525, FatGeometry.FromSize(FatGeometry.MinimumSizeBytes).ClusterCount);
        Assert.Throws<ArgumentException>(() => FatGeometry.FromSize(FatGeometry.MinimumSizeBytes - 512));
    }

    [Fact]
    public async Task Write_MinimumSize_FsckClean()
    {
        var fsck = ExternalTool.Require("fsck.fat", "dosfstools");
        using var temp = new TempDirectory();
        var path = temp.Path("min.img");
        await FatWriter.WriteAsync(Tree(), path, Options with { SizeBytes = FatGeometry.MinimumSizeBytes }, TestContext.Current.CancellationToken);
        var result = ExternalTool.Run(fsck, ["-n", path]);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task Write_TreeLargerThanVolume_Throws()
    {
        var tree = new FileTree();
        tree.AddFile("/big", new byte[40 * 1024 * 1024]);
        var error = await Assert.ThrowsAsync<IOException>(() => BuildAsync(tree, Options with { SizeBytes = 36L * 1024 * 1024 }));
        Assert.Contains("use a larger size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_NamesDifferingOnlyInCase_Throws()
    {
        var tree = new FileTree();
        tree.AddFile("/dir/Readme", [1]);
        tree.AddFile("/dir/README", [2]);
        var error = await Assert.ThrowsAsync<IOException>(() => BuildAsync(tree, Options));
        Assert.Contains("'/dir' holds 'README' and 'Readme'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_SymbolicLink_ThrowsNamingPath()
    {
        var tree = new FileTree();
        tree.AddSymbolicLink("/link", "target");
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => BuildAsync(tree, Options));
        Assert.Contains("'/link'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a:b")]
    [InlineData("trailing.")]
    public async Task Write_InvalidName_Throws(string name)
    {
        var tree = new FileTree();
        tree.AddFile("/" + name, [1]);
        var error = await Assert.ThrowsAsync<IOException>(() => BuildAsync(tree, Options));
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_ManyLongNamesOnLargerVolume_FsckCleanAndMcopyCountsMatch()
    {
        var fsck = ExternalTool.Require("fsck.fat", "dosfstools");
        var mcopy = ExternalTool.Require("mcopy", "mtools");
        using var temp = new TempDirectory();
        var tree = new FileTree { DefaultTimestamp = Time };
        for (var i = 0; i < 600; i++)
        {
            tree.AddFile($"/many/entry number {i:D4} with a long name.conf", Encoding.UTF8.GetBytes($"{i}\n"));
        }

        tree.AddFile("/big.bin", Payload(5 * 1024 * 1024 + 7, 5));
        var path = temp.Path("large.img");
        var geometry = await FatWriter.WriteAsync(tree, path, Options with { SizeBytes = 300L * 1024 * 1024 }, TestContext.Current.CancellationToken);
        Assert.Equal(8, geometry.SectorsPerCluster);
        var check = ExternalTool.Run(fsck, ["-n", path]);
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
        var output = temp.Path("out");
        Directory.CreateDirectory(output);
        ExternalTool.Run(mcopy, ["-i", path, "-s", "-n", "::/", output]).EnsureSuccess("mcopy");
        Assert.Equal(600, Directory.GetFiles(Path.Combine(output, "many")).Length);
        Assert.Equal("599\n", await File.ReadAllTextAsync(Path.Combine(output, "many", "entry number 0599 with a long name.conf"), TestContext.Current.CancellationToken));
        Assert.Equal(Payload(5 * 1024 * 1024 + 7, 5), await File.ReadAllBytesAsync(Path.Combine(output, "big.bin"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Probe_MutatedBootSectors_OnlyInvalidDataEscapes()
    {
        var image = (await BuildAsync(Tree(), Options))[..4096];
        MutationFuzzer.Run(image, [(0, 512)], bytes => FileSystemProbe.Probe(bytes));
    }
}
