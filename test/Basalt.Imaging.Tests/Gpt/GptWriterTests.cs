using System.Text.Json;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Tests.Disk;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Gpt;

public sealed class GptWriterTests
{
    [Fact]
    public void Write_SampleDisk_SgdiskVerifyFindsNoProblems()
    {
        var sgdisk = ExternalTool.Require("sgdisk", "gdisk");
        using var temp = new TempDirectory();
        var path = SampleDisk.Write(temp.Path("disk.raw"));
        var result = ExternalTool.Run(sgdisk, ["-v", path]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No problems found", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SampleDisk_SfdiskShowsIntendedLayout()
    {
        var sfdisk = ExternalTool.Require("sfdisk", "fdisk");
        using var temp = new TempDirectory();
        var path = SampleDisk.Write(temp.Path("disk.raw"));
        var json = ExternalTool.Run(sfdisk, ["--json", path]).EnsureSuccess("sfdisk --json").StandardOutput;
        using var document = JsonDocument.Parse(json);
        var table = document.RootElement.GetProperty("partitiontable");
        Assert.Equal("gpt", table.GetProperty("label").GetString());
        Assert.Equal(SampleDisk.DiskGuid.ToString(), table.GetProperty("id").GetString(), ignoreCase: true);
        Assert.Equal(34, table.GetProperty("firstlba").GetInt64());
        var partitions = table.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(4, partitions.Count);

        var expected = new (long Start, long Size, Guid Type, string Name, string Label, string Attrs)[]
        {
            (2048, 4096, GptPartitionTypes.Esp, "esp", "esp", "GUID:63"),
            (6144, 8192, GptPartitionTypes.RootX64, "root-a", "root-a", "GUID:48,49,50,51,56,60"),
            (14336, 8192, GptPartitionTypes.RootX64, "root-b", "root-b", "GUID:52,53,60"),
            (22528, 600, GptPartitionTypes.RootVerityX64, "root-a-verity", "root-a-verity", "GUID:60"),
        };
        for (var i = 0; i < expected.Length; i++)
        {
            var p = partitions[i];
            Assert.Equal(expected[i].Start, p.GetProperty("start").GetInt64());
            Assert.Equal(expected[i].Size, p.GetProperty("size").GetInt64());
            Assert.Equal(expected[i].Type.ToString(), p.GetProperty("type").GetString(), ignoreCase: true);
            Assert.Equal(expected[i].Name, p.GetProperty("name").GetString());
            Assert.Equal(GuidDerivation.Derive(SampleDisk.Seed, expected[i].Label).ToString(), p.GetProperty("uuid").GetString(), ignoreCase: true);
            Assert.Equal(expected[i].Attrs, p.GetProperty("attrs").GetString());
        }
    }

    [Fact]
    public void Write_MostlyEmptyDisk_LeavesHoles()
    {
        var stat = ExternalTool.Require("stat", "coreutils");
        using var temp = new TempDirectory();
        var path = SampleDisk.Write(temp.Path("disk.raw"), 256L * 1024 * 1024);
        Assert.Equal(256L * 1024 * 1024, new FileInfo(path).Length);
        var allocatedBlocks = long.Parse(ExternalTool.Run(stat, ["-c", "%b", path]).EnsureSuccess("stat").StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(allocatedBlocks * 512, 0, 16L * 1024 * 1024);
    }

    [Fact]
    public void Write_Twice_IdenticalBytes()
    {
        Assert.Equal(SampleDisk.Build(), SampleDisk.Build());
    }

    [Fact]
    public void Write_LargerDiskSize_BackupHeaderAtLastSector()
    {
        var image = SampleDisk.Build(64L * 1024 * 1024);
        Assert.Equal(64L * 1024 * 1024, image.Length);
        Assert.True("EFI PART"u8.SequenceEqual(image.AsSpan(image.Length - 512, 8)));
        Assert.True("EFI PART"u8.SequenceEqual(image.AsSpan(512, 8)));
        Assert.Equal(0xEE, image[446 + 4]);
    }

    [Fact]
    public void Validate_OverlappingPartitions_Throws()
    {
        var a = new GptPartition(1, GptPartitionTypes.Esp, Guid.NewGuid(), 2048, 4095, 0, "a");
        var b = new GptPartition(2, GptPartitionTypes.Esp, Guid.NewGuid(), 4000, 5000, 0, "b");
        var error = Assert.Throws<ArgumentException>(() => GptWriter.Validate(GptTable.Create(Guid.NewGuid(), 20480, [a, b])));
        Assert.Contains("'a' and 'b' overlap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NameTooLong_Throws()
    {
        var a = new GptPartition(1, GptPartitionTypes.Esp, Guid.NewGuid(), 2048, 4095, 0, new string('x', 37));
        var error = Assert.Throws<ArgumentException>(() => GptWriter.Validate(GptTable.Create(Guid.NewGuid(), 20480, [a])));
        Assert.Contains("longer than 36", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_DiskTooSmall_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleDisk.Builder(4L * 1024 * 1024).Plan());
        Assert.Contains("at least", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ContentLargerThanSize_Throws()
    {
        var builder = new DiskImageBuilder(Guid.NewGuid());
        builder.Add(new DiskPartitionSpec("x", GptPartitionTypes.Esp, Guid.NewGuid(), 1024, PartitionContent.FromBytes(new byte[2048])));
        var error = Assert.Throws<ArgumentException>(builder.Plan);
        Assert.Contains("Partition 'x'", error.Message, StringComparison.Ordinal);
    }
}
