using System.Globalization;
using System.Text;
using Basalt.Compose.Boot.Initrd;
using Basalt.Imaging.Tree;
using Basalt.IO.Cpio;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Boot.Initrd;

/// <summary><see cref="InitrdWriter"/> checked by GNU cpio, gzip, zstd, the format rules of buffer-format.rst and our reader.</summary>
public sealed class InitrdWriterTests
{
    private static FileTree SampleTree(bool reversed = false)
    {
        var tree = new FileTree { DefaultTimestamp = new FileTimestamp(1_700_000_000) };
        tree.Root.Mode = 0x1ED;
        var steps = new List<Action>
        {
            () => tree.AddFile("/init", "#!/bin/sh\nexec /bin/sh\n"u8.ToArray(), 0x1ED),
            () => tree.Add("/usr/bin/tool", new RegularFileNode(Encoding.UTF8.GetBytes(new string('x', 1001)), 0x9ED) { Uid = 12, Gid = 34, ModificationTime = new FileTimestamp(1_600_000_000, 5) }),
            () => tree.AddSymbolicLink("/bin", "usr/bin"),
            () => tree.Add("/dev/console", new DeviceNode(FileNodeKind.CharacterDevice, 5, 1, 0x180)),
            () => tree.Add("/dev/sda", new DeviceNode(FileNodeKind.BlockDevice, 8, 300, 0x1B0)),
            () => tree.AddDirectory("/tmp", 0x3FF),
            () => tree.AddFile("/empty", [], 0x1A4),
        };
        if (reversed)
        {
            steps.Reverse();
        }

        foreach (var step in steps)
        {
            step();
        }

        tree.AddHardLink("/usr/bin/tool-again", "/usr/bin/tool");
        return tree;
    }

    private static async Task<byte[]> WriteAsync(FileTree tree, InitrdCompression compression)
    {
        using var output = new MemoryStream();
        await InitrdWriter.WriteAsync(tree, output, compression, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    [Fact]
    public async Task WriteAsync_SameTreeBuiltInAnotherOrder_SameBytes()
    {
        var first = await WriteAsync(SampleTree(), InitrdCompression.Zstd);
        var second = await WriteAsync(SampleTree(reversed: true), InitrdCompression.Zstd);

        Assert.Equal(first, second);
        Assert.Equal(await WriteAsync(SampleTree(), InitrdCompression.Gzip), await WriteAsync(SampleTree(), InitrdCompression.Gzip));
    }

    [Fact]
    public async Task WriteAsync_None_FollowsTheNewcRules()
    {
        var archive = await WriteAsync(SampleTree(), InitrdCompression.None);

        var names = new List<string>();
        var offset = 0;
        while (true)
        {
            Assert.Equal(0, offset % 4); // every header starts 4-byte aligned
            Assert.Equal("070701", Encoding.ASCII.GetString(archive, offset, 6));
            uint Field(int index) => uint.Parse(Encoding.ASCII.GetString(archive, offset + 6 + (index * 8), 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var nameSize = (int)Field(11);
            var name = Encoding.UTF8.GetString(archive, offset + 110, nameSize - 1);
            Assert.Equal(0, archive[offset + 110 + nameSize - 1]); // c_namesize counts the NUL
            Assert.Equal(0u, Field(12)); // c_check
            Assert.Equal(0u, Field(7) | Field(8)); // c_devmajor, c_devminor
            names.Add(name);
            var dataStart = offset + 110 + nameSize;
            dataStart += (4 - (dataStart % 4)) % 4;
            var dataEnd = dataStart + (int)Field(6);
            offset = dataEnd + ((4 - (dataEnd % 4)) % 4);
            if (name == "TRAILER!!!")
            {
                break;
            }
        }

        Assert.Equal(archive.Length, offset);
        Assert.Equal([".", "bin", "dev", "dev/console", "dev/sda", "empty", "init", "tmp", "usr", "usr/bin", "usr/bin/tool", "usr/bin/tool-again", "TRAILER!!!"], names);
    }

    [Fact]
    public async Task WriteAsync_None_CpioListsModesOwnersAndSizes()
    {
        var cpio = ExternalTool.Require("cpio", "cpio");
        var archive = await WriteAsync(SampleTree(), InitrdCompression.None);

        var listing = ExternalTool.Run(cpio, ["-itv", "--numeric-uid-gid", "--quiet"], stdin: archive).EnsureSuccess("cpio -itv").StandardOutput;

        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("crw------- 1 0 0 5, 1 Jan 1 1970 dev/console", lines);
        Assert.Contains("brw-rw---- 1 0 0 8, 300 Jan 1 1970 dev/sda", lines);
        Assert.Contains("-rwsr-xr-x 2 12 34 1001 Sep 13 2020 usr/bin/tool", lines);
        Assert.Contains("-rwsr-xr-x 2 12 34 0 Sep 13 2020 usr/bin/tool-again", lines);
        Assert.Contains("lrwxrwxrwx 1 0 0 7 Nov 14 2023 bin -> usr/bin", lines);
        Assert.Contains("drwxrwxrwt 2 0 0 0 Nov 14 2023 tmp", lines);
        Assert.Equal(12, lines.Count);
    }

    [Fact]
    public async Task WriteAsync_Gzip_CpioExtractsContentModesOwnersLinksAndDevices()
    {
        var cpio = ExternalTool.Require("cpio", "cpio");
        var gzip = ExternalTool.Require("gzip", "gzip");
        if (Environment.UserName != "root")
        {
            Assert.Skip("Extracting device nodes and owners needs root.");
        }

        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.Path("initrd.gz"), await WriteAsync(SampleTree(), InitrdCompression.Gzip));
        ExternalTool.Run(gzip, ["-t", temp.Path("initrd.gz")]).EnsureSuccess("gzip -t");
        Directory.CreateDirectory(temp.Path("x"));
        ExternalTool.Shell($"gzip -dc '{temp.Path("initrd.gz")}' | cpio -idm --quiet", temp.Path("x")).EnsureSuccess("cpio -idm");

        var stat = ExternalTool.Run("stat", ["-c", "%n %f %u %g %h %i %Y %t:%T", "dev/console", "dev/sda", "usr/bin/tool", "usr/bin/tool-again", "bin", "tmp"], temp.Path("x"))
            .EnsureSuccess("stat").StandardOutput.Split('\n');
        Assert.StartsWith("dev/console 2180 0 0 1 ", stat[0], StringComparison.Ordinal);
        Assert.EndsWith(" 5:1", stat[0], StringComparison.Ordinal);
        Assert.EndsWith(" 8:12c", stat[1], StringComparison.Ordinal); // minor 300 = 0x12c
        Assert.StartsWith("usr/bin/tool 89ed 12 34 2 ", stat[2], StringComparison.Ordinal);
        Assert.Equal(stat[2].Split(' ')[5], stat[3].Split(' ')[5]); // one inode
        Assert.Contains(" 1600000000 ", stat[2], StringComparison.Ordinal);
        Assert.StartsWith("tmp 43ff ", stat[5], StringComparison.Ordinal);
        Assert.Equal(new string('x', 1001), File.ReadAllText(temp.Path("x/usr/bin/tool-again")));
        Assert.Equal("usr/bin", new FileInfo(temp.Path("x/bin")).LinkTarget);
        Assert.Equal("#!/bin/sh\nexec /bin/sh\n", File.ReadAllText(temp.Path("x/init")));
    }

    [Fact]
    public async Task WriteAsync_Zstd_PassesZstdTestAndRoundTripsThroughOurReader()
    {
        var zstd = ExternalTool.Require("zstd", "zstd");
        var compressed = await WriteAsync(SampleTree(), InitrdCompression.Zstd);
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.Path("initrd.zst"), compressed);
        ExternalTool.Run(zstd, ["-t", "-q", temp.Path("initrd.zst")]).EnsureSuccess("zstd -t");
        var plain = ExternalTool.Run(zstd, ["-dc", temp.Path("initrd.zst")]).EnsureSuccess("zstd -d").StandardOutputBytes;

        Assert.Equal(await WriteAsync(SampleTree(), InitrdCompression.None), plain);
        using var reader = new CpioNewcReader(new MemoryStream(plain));
        var entries = new List<(CpioEntry Entry, byte[] Data)>();
        while (reader.GetNextEntry() is { } entry)
        {
            using var data = new MemoryStream();
            reader.DataStream.CopyTo(data);
            entries.Add((entry, data.ToArray()));
        }

        var tree = SampleTree();
        Assert.Equal(tree.EnumerateDepthFirst().Count(), entries.Count);
        Assert.Equal(Enumerable.Range(1, entries.Count - 1).Select(i => (uint)i), entries.Where(e => e.Entry.Name != "usr/bin/tool-again").Select(e => e.Entry.Inode));
        var console = entries.Single(e => e.Entry.Name == "dev/console").Entry;
        Assert.Equal((CpioEntryType.CharacterDevice, 5u, 1u, 0x180u), (console.EntryType, console.RdevMajor, console.RdevMinor, console.Permissions));
        Assert.Equal("usr/bin"u8.ToArray(), entries.Single(e => e.Entry.Name == "bin").Data);
        Assert.Equal(1001, entries.Single(e => e.Entry.Name == "usr/bin/tool").Data.Length);
    }

    [Fact]
    public async Task WriteAsync_TimestampBeforeEpoch_ThrowsNamingThePath()
    {
        var tree = new FileTree();
        tree.AddFile("/old", [1]).ModificationTime = new FileTimestamp(-1);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => WriteAsync(tree, InitrdCompression.None));

        Assert.StartsWith("'/old' has modification time -1", error.Message, StringComparison.Ordinal);
    }
}
