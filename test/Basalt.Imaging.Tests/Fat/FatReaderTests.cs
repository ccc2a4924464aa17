using System.Text;
using Basalt.Imaging.Fat;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Fat;

public sealed class FatReaderTests
{
    private static readonly Dictionary<string, string> MtoolsEnvironment = new() { ["MTOOLS_SKIP_CHECK"] = "1" };

    private static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Makes a volume with mkfs.fat and fills it with mcopy: long names, nested and multi-cluster directories, a fragmented file.</summary>
    private static (string Image, Dictionary<string, byte[]> Files) MakeWithMtools(TempDirectory temp, int fatBits, int kilobytes)
    {
        var mkfs = ExternalTool.Require("mkfs.fat", "dosfstools");
        var mcopy = ExternalTool.Require("mcopy", "mtools");
        var image = temp.Path($"fat{fatBits}.img");
        ExternalTool.Run(mkfs, ["-C", image, kilobytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "-F", fatBits.ToString(System.Globalization.CultureInfo.InvariantCulture), "-s", "1", "-n", "TESTVOL"])
            .EnsureSuccess("mkfs.fat");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["/EFI/Linux/basalt-1.0.efi"] = Payload(70_000, 1),
            ["/loader/loader.conf"] = Encoding.UTF8.GetBytes("default basalt-*\n"),
            ["/loader/entries/Long Entry Name With Spaces.conf"] = Encoding.UTF8.GetBytes("title x\n"),
            ["/a/b/c/deep file.txt"] = Encoding.UTF8.GetBytes("deep\n"),
            ["/readme.txt"] = Encoding.UTF8.GetBytes("lower-case short name\n"),
            ["/UPPER.TXT"] = Encoding.UTF8.GetBytes("upper\n"),
            ["/empty.bin"] = [],
        };
        for (var i = 0; i < 40; i++)
        {
            files[$"/many/file number {i:D2} with a long name.txt"] = Encoding.UTF8.GetBytes($"file {i}\n");
        }

        var directories = files.Keys.SelectMany(ParentDirectories).Distinct(StringComparer.Ordinal).OrderBy(d => d.Length);
        foreach (var directory in directories)
        {
            ExternalTool.Run("mmd", ["-i", image, "::" + directory], environment: MtoolsEnvironment).EnsureSuccess($"mmd {directory}");
        }

        foreach (var (path, content) in files)
        {
            var local = temp.Path("src-" + Guid.NewGuid().ToString("N"));
            File.WriteAllBytes(local, content);
            ExternalTool.Run(mcopy, ["-i", image, local, "::" + path], environment: MtoolsEnvironment).EnsureSuccess($"mcopy {path}");
        }

        // Free a hole, then write a file larger than it: mtools fills the hole first, so the file's chain jumps.
        var hole = temp.Path("hole");
        File.WriteAllBytes(hole, Payload(5_000, 2));
        ExternalTool.Run(mcopy, ["-i", image, hole, "::/hole.bin"], environment: MtoolsEnvironment).EnsureSuccess("mcopy hole");
        ExternalTool.Run(mcopy, ["-i", image, hole, "::/after.bin"], environment: MtoolsEnvironment).EnsureSuccess("mcopy after");
        ExternalTool.Run("mdel", ["-i", image, "::/hole.bin"], environment: MtoolsEnvironment).EnsureSuccess("mdel");
        files["/after.bin"] = File.ReadAllBytes(hole);
        var fragmented = temp.Path("fragmented");
        File.WriteAllBytes(fragmented, Payload(20_000, 3));
        ExternalTool.Run(mcopy, ["-i", image, fragmented, "::/fragmented.bin"], environment: MtoolsEnvironment).EnsureSuccess("mcopy fragmented");
        files["/fragmented.bin"] = File.ReadAllBytes(fragmented);
        return (image, files);
    }

    private static IEnumerable<string> ParentDirectories(string path)
    {
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    [Theory]
    [InlineData(12, 1440)]
    [InlineData(16, 20480)]
    [InlineData(32, 40960)]
    public void ReadAllBytes_MkfsFatAndMcopyVolume_ReturnsEveryFile(int fatBits, int kilobytes)
    {
        using var temp = new TempDirectory();
        var (image, files) = MakeWithMtools(temp, fatBits, kilobytes);
        using var stream = File.OpenRead(image);
        var reader = FatReader.Open(stream, $"'{image}'");

        Assert.Equal((FatType)fatBits, reader.Type);
        Assert.Equal("TESTVOL", reader.VolumeLabel);
        foreach (var (path, content) in files)
        {
            Assert.Equal(content, reader.ReadAllBytes(path, long.MaxValue));
        }

        Assert.Equal(40, reader.ListDirectory("/many").Count);
        Assert.Contains(reader.ListDirectory("/"), e => e.Name == "readme.txt" && e.ShortName == "readme.txt");
        Assert.Equal(["Long Entry Name With Spaces.conf"], reader.ListDirectory("/loader/entries").Select(e => e.Name));
    }

    [Fact]
    public void ListDirectory_MkfsFatVolume_MatchesMdir()
    {
        using var temp = new TempDirectory();
        var (image, _) = MakeWithMtools(temp, 16, 20480);
        var mdir = ExternalTool.Run("mdir", ["-b", "-i", image, "::/many"], environment: MtoolsEnvironment).EnsureSuccess("mdir");
        var expected = mdir.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line["::/many/".Length..]).Order(StringComparer.Ordinal);

        using var stream = File.OpenRead(image);
        var reader = FatReader.Open(stream, "test");
        Assert.Equal(expected, reader.ListDirectory("/many").Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TryGetEntry_DifferentCase_FindsLongAndShortNames()
    {
        using var temp = new TempDirectory();
        var (image, _) = MakeWithMtools(temp, 12, 1440);
        using var stream = File.OpenRead(image);
        var reader = FatReader.Open(stream, "test");

        Assert.True(reader.TryGetEntry("/LOADER/ENTRIES/long entry name with spaces.CONF", out var entry));
        Assert.Equal("/loader/entries/Long Entry Name With Spaces.conf", entry.Path);
        Assert.True(reader.TryGetEntry("\\loader\\entries\\LONGEN~1.CON", out var byShort));
        Assert.Equal(entry.FirstCluster, byShort.FirstCluster);
        Assert.False(reader.TryGetEntry("/loader/missing.conf", out _));
        Assert.False(reader.TryGetEntry("/readme.txt/below", out _));
    }

    [Fact]
    public async Task ReadAllBytes_FatWriterVolume_ReturnsTreeContents()
    {
        var tree = new FileTree { DefaultTimestamp = new FileTimestamp(1_700_000_000) };
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["/EFI/BOOT/BOOTX64.EFI"] = Payload(300_000, 4),
            ["/loader/entries/café — ünïcödé.conf"] = Encoding.UTF8.GetBytes("unicode\n"),
            ["/" + new string('n', 200) + ".txt"] = Encoding.UTF8.GetBytes("long\n"),
            ["/README"] = Encoding.UTF8.GetBytes("short only\n"),
            ["/zeros.bin"] = new byte[100_000],
        };
        foreach (var (path, content) in files)
        {
            tree.AddFile(path, content);
        }

        using var stream = new MemoryStream();
        await FatWriter.WriteAsync(tree, stream, new FatOptions { SizeBytes = 40L * 1024 * 1024, Label = "ESP" }, TestContext.Current.CancellationToken);
        var reader = FatReader.Open(stream, "writer output");

        Assert.Equal(FatType.Fat32, reader.Type);
        Assert.Equal("ESP", reader.VolumeLabel);
        foreach (var (path, content) in files)
        {
            Assert.Equal(content, reader.ReadAllBytes(path, long.MaxValue));
        }

        using var copy = new MemoryStream();
        Assert.Equal(300_000, reader.CopyFile("/efi/boot/bootx64.efi", copy, TestContext.Current.CancellationToken));
        Assert.Equal(files["/EFI/BOOT/BOOTX64.EFI"], copy.ToArray());
    }
}
