using System.Text.Json;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Qcow2;
using Basalt.Imaging.Vhd;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Disk;

public sealed class DiskInfoCommandTests : IDisposable
{
    private static readonly byte[] Seed = "cli-disk-info"u8.ToArray();
    private readonly TempDirectory _temp = new("basalt-disk-info");

    public void Dispose() => _temp.Dispose();

    /// <summary>A disk whose partitions hold real file systems made by the reference tools.</summary>
    private async Task<string> BuildDiskAsync()
    {
        var mkfsFat = ExternalTool.Require("mkfs.fat", "dosfstools");
        var mkfsErofs = ExternalTool.Require("mkfs.erofs", "erofs-utils");
        var veritysetup = ExternalTool.Require("veritysetup", "cryptsetup-bin");
        var esp = _temp.Path("esp.img");
        ExternalTool.Run(mkfsFat, ["-F", "32", "-C", "-n", "ESP", "-i", "12345678", esp, "40960"]).EnsureSuccess("mkfs.fat");
        var tree = Directory.CreateDirectory(_temp.Path("tree")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tree, "hello"), "hello\n", TestContext.Current.CancellationToken);
        var root = _temp.Path("root.img");
        ExternalTool.Run(mkfsErofs, ["-T0", "--all-root", "-U", "11111111-2222-3333-4444-555555555555", root, tree]).EnsureSuccess("mkfs.erofs");
        var hash = _temp.Path("root.verity");
        ExternalTool.Run(veritysetup, ["format", "--salt", "00", "--uuid", "66666666-7777-8888-9999-000000000000", root, hash]).EnsureSuccess("veritysetup");

        var builder = new DiskImageBuilder(GuidDerivation.Derive(Seed, "disk"));
        builder.Add(new DiskPartitionSpec("esp", GptPartitionTypes.Esp, GuidDerivation.Derive(Seed, "esp"), 0, PartitionContent.FromFile(esp)));
        builder.Add(new DiskPartitionSpec("root-a", GptPartitionTypes.RootX64, GuidDerivation.Derive(Seed, "root"), 8 * 1024 * 1024,
            PartitionContent.FromFile(root), GptAttributes.ReadOnly | GptAttributes.AbSlot(15, 0, true)));
        builder.Add(new DiskPartitionSpec("root-a-verity", GptPartitionTypes.RootVerityX64, GuidDerivation.Derive(Seed, "verity"), 0,
            PartitionContent.FromFile(hash), GptAttributes.ReadOnly));
        var path = _temp.Path("disk.raw");
        await builder.WriteAsync(path, TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Info_RawDisk_ShowsGptPartitionsAndFileSystems()
    {
        var disk = await BuildDiskAsync();
        var result = Cli.Run("disk", "info", disk);
        Assert.True(result.ExitCode == ExitCodes.Success, result.StandardError);
        var text = result.StandardOutput;
        Assert.Contains("Format: raw", text, StringComparison.Ordinal);
        Assert.Contains("Partition table: GPT", text, StringComparison.Ordinal);
        Assert.Contains($"disk GUID: {GuidDerivation.Derive(Seed, "disk")}", text, StringComparison.Ordinal);
        Assert.Contains("type: c12a7328-f81f-11d2-ba4b-00a0c93ec93b (esp)", text, StringComparison.Ordinal);
        Assert.Contains("file system: vfat (FAT32) label \"ESP\" uuid 1234-5678", text, StringComparison.Ordinal);
        Assert.Contains("type: 4f68bce3-e8cd-4db1-96e7-fbcaf984b709 (root-x86-64)", text, StringComparison.Ordinal);
        Assert.Contains("uuid 11111111-2222-3333-4444-555555555555", text, StringComparison.Ordinal);
        Assert.Contains("(read-only, priority=15 tries=0 successful=1)", text, StringComparison.Ordinal);
        Assert.Contains("file system: verity (sha256", text, StringComparison.Ordinal);
        Assert.Contains("uuid 66666666-7777-8888-9999-000000000000", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_VhdAndQcow2_SameJsonPartitionsAsRaw()
    {
        var raw = await BuildDiskAsync();
        var vhd = _temp.Path("disk.vhd");
        File.Copy(raw, vhd);
        await VhdWriter.AppendFooterAsync(vhd, 0, GuidDerivation.Derive(Seed, "vhd"), TestContext.Current.CancellationToken);
        var qcow2 = _temp.Path("disk.qcow2");
        await Qcow2Writer.ConvertAsync(raw, qcow2, TestContext.Current.CancellationToken);

        string Partitions(string path, string format)
        {
            var result = Cli.Run("disk", "info", "--json", path);
            Assert.True(result.ExitCode == ExitCodes.Success, result.StandardError);
            using var document = JsonDocument.Parse(result.StandardOutput);
            Assert.Equal(format, document.RootElement.GetProperty("format").GetString());
            Assert.Equal(new FileInfo(raw).Length, document.RootElement.GetProperty("size").GetInt64());
            return document.RootElement.GetProperty("partitions").GetRawText();
        }

        var expected = Partitions(raw, "raw");
        Assert.Contains("\"typeName\": \"root-x86-64-verity\"", expected, StringComparison.Ordinal);
        Assert.Equal(expected, Partitions(vhd, "vhd"));
        Assert.Equal(expected, Partitions(qcow2, "qcow2"));
    }

    [Fact]
    public async Task Info_CorruptGptHeaders_ExitsBadInputNamingOffset()
    {
        var disk = await BuildDiskAsync();
        var bytes = await File.ReadAllBytesAsync(disk, TestContext.Current.CancellationToken);
        bytes[512 + 16] ^= 1;
        bytes[bytes.Length - 512 + 16] ^= 1;
        await File.WriteAllBytesAsync(disk, bytes, TestContext.Current.CancellationToken);
        var result = Cli.Run("disk", "info", disk);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"basalt: error: '{disk}': GPT: header CRC32", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("at offset 528", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_MissingFile_ExitsBadInput()
    {
        var result = Cli.Run("disk", "info", _temp.Path("nope.raw"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("does not exist", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_BareFileSystem_ReportsNoPartitionTable()
    {
        var mkfsFat = ExternalTool.Require("mkfs.fat", "dosfstools");
        var esp = _temp.Path("esp.img");
        ExternalTool.Run(mkfsFat, ["-F", "32", "-C", "-n", "BARE", esp, "40960"]).EnsureSuccess("mkfs.fat");
        var result = Cli.Run("disk", "info", esp);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Partition table: none", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("File system: vfat (FAT32) label \"BARE\"", result.StandardOutput, StringComparison.Ordinal);
    }
}
