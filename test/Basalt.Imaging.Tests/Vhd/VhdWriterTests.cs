using System.Buffers.Binary;
using System.Text.Json;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Tests.Disk;
using Basalt.Imaging.Vhd;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Vhd;

public sealed class VhdWriterTests
{
    private static readonly Guid UniqueId = GuidDerivation.Derive(SampleDisk.Seed, "vhd");

    private static byte[] BuildVhd()
    {
        using var output = new MemoryStream();
        VhdWriter.ConvertAsync(new MemoryStream(SampleDisk.Build()), output, VhdFooter.TimestampFromUnix(1_700_000_000), UniqueId).GetAwaiter().GetResult();
        return output.ToArray();
    }

    [Fact]
    public void Convert_SampleDisk_QemuReadsVpcWithVirtualSizeAndIdenticalData()
    {
        var qemuImg = ExternalTool.Require("qemu-img", "qemu-utils");
        using var temp = new TempDirectory();
        var raw = SampleDisk.Write(temp.Path("disk.raw"));
        var vhd = temp.Path("disk.vhd");
        File.WriteAllBytes(vhd, BuildVhd());

        var info = ExternalTool.Run(qemuImg, ["info", "--output=json", "-f", "vpc", vhd]).EnsureSuccess("qemu-img info");
        using var document = JsonDocument.Parse(info.StandardOutput);
        Assert.Equal("vpc", document.RootElement.GetProperty("format").GetString());
        Assert.Equal(new FileInfo(raw).Length, document.RootElement.GetProperty("virtual-size").GetInt64());

        var compare = ExternalTool.Run(qemuImg, ["compare", "-f", "raw", "-F", "vpc", raw, vhd]);
        Assert.True(compare.ExitCode == 0, compare.StandardOutput + compare.StandardError);
        Assert.Contains("Images are identical", compare.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendFooter_RawFile_SameBytesAsConvert()
    {
        using var temp = new TempDirectory();
        var raw = SampleDisk.Write(temp.Path("disk.raw"));
        await VhdWriter.AppendFooterAsync(raw, VhdFooter.TimestampFromUnix(1_700_000_000), UniqueId, TestContext.Current.CancellationToken);
        Assert.Equal(BuildVhd(), File.ReadAllBytes(raw));
    }

    [Fact]
    public async Task Convert_SparseFile_SameBytesAsFromMemoryAndStaysSparse()
    {
        var stat = ExternalTool.Require("stat", "coreutils");
        using var temp = new TempDirectory();
        var raw = SampleDisk.Write(temp.Path("disk.raw"), 64L * 1024 * 1024);
        var vhd = temp.Path("disk.vhd");
        var source = File.OpenRead(raw);
        await using (source)
        {
            var destination = File.Create(vhd);
            await using (destination)
            {
                await VhdWriter.ConvertAsync(source, destination, VhdFooter.TimestampFromUnix(1_700_000_000), UniqueId, TestContext.Current.CancellationToken);
            }
        }

        using var memory = new MemoryStream();
        await VhdWriter.ConvertAsync(new MemoryStream(await File.ReadAllBytesAsync(raw, TestContext.Current.CancellationToken)), memory,
            VhdFooter.TimestampFromUnix(1_700_000_000), UniqueId, TestContext.Current.CancellationToken);
        Assert.Equal(memory.ToArray(), await File.ReadAllBytesAsync(vhd, TestContext.Current.CancellationToken));
        var allocatedBlocks = long.Parse(ExternalTool.Run(stat, ["-c", "%b", vhd]).EnsureSuccess("stat").StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(allocatedBlocks * 512, 0, 16L * 1024 * 1024);
    }

    [Fact]
    public void Convert_Twice_IdenticalBytesAndFooterFields()
    {
        var vhd = BuildVhd();
        Assert.Equal(vhd, BuildVhd());
        var footer = vhd.AsSpan(vhd.Length - 512);
        Assert.True("conectix"u8.SequenceEqual(footer[..8]));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(footer[8..]));
        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(footer[12..]));
        Assert.Equal(ulong.MaxValue, BinaryPrimitives.ReadUInt64BigEndian(footer[16..]));
        Assert.Equal(1_700_000_000u - 946_684_800u, BinaryPrimitives.ReadUInt32BigEndian(footer[24..]));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(footer[60..]));
        Assert.Equal(0, footer[84]);
    }

    [Theory]
    [InlineData(16L * 1024 * 1024, 481, 4, 17)]
    [InlineData(127L * 1024 * 1024 * 1024, 65278, 16, 255)]
    [InlineData(30L * 1024 * 1024 * 1024, 62415, 16, 63)]
    public void Geometry_KnownSizes_MatchesSpecAlgorithm(long size, int cylinders, int heads, int sectors)
    {
        Assert.Equal(new VhdGeometry(cylinders, heads, sectors), VhdGeometry.FromSize(size));
    }

    [Theory]
    [InlineData("16M")]
    [InlineData("100M")]
    [InlineData("1G")]
    [InlineData("30G")]
    public void Geometry_QemuImgFixedVhd_SameChsForItsSize(string size)
    {
        var qemuImg = ExternalTool.Require("qemu-img", "qemu-utils");
        using var temp = new TempDirectory();
        var path = temp.Path("q.vhd");
        ExternalTool.Run(qemuImg, ["create", "-q", "-f", "vpc", "-o", "subformat=fixed", path, size]).EnsureSuccess("qemu-img create");
        using var stream = File.OpenRead(path);
        var footer = new byte[512];
        stream.Seek(-512, SeekOrigin.End);
        stream.ReadExactly(footer);
        var currentSize = BinaryPrimitives.ReadInt64BigEndian(footer.AsSpan(48));
        Assert.Equal(VhdGeometry.Unpack(BinaryPrimitives.ReadUInt32BigEndian(footer.AsSpan(56))), VhdGeometry.FromSize(currentSize));
    }

    [Fact]
    public void CreateFooter_UnalignedSize_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => VhdWriter.CreateFooter(1024 * 1024 + 512, 0, Guid.Empty));
        Assert.Contains("multiple of 1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_BadChecksum_ThrowsNamingOffset()
    {
        var vhd = BuildVhd();
        vhd[^1] ^= 1;
        var error = Assert.Throws<InvalidDataException>(() => VhdDiskView.TryOpen(new MemoryStream(vhd), out _));
        Assert.Contains($"checksum", error.Message, StringComparison.Ordinal);
        Assert.Contains($"offset {vhd.Length - 512 + 64}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_SizeMismatch_Throws()
    {
        var vhd = BuildVhd();
        var truncated = vhd[..(1024 * 1024)].Concat(vhd[^512..]).ToArray();
        var error = Assert.Throws<InvalidDataException>(() => VhdDiskView.TryOpen(new MemoryStream(truncated), out _));
        Assert.Contains("does not match the 1048576 data bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_RawDisk_ReturnsFalse()
    {
        Assert.False(VhdDiskView.TryOpen(new MemoryStream(SampleDisk.Build()), out _));
    }

    [Fact]
    public void TryOpen_Vhd_ReadsGpt()
    {
        using var stream = new MemoryStream(BuildVhd());
        Assert.True(VhdDiskView.TryOpen(stream, out var view));
        Assert.Equal("vhd", view.Format);
        Assert.True(GptReader.TryRead(view, out var table));
        Assert.Equal(4, table.Partitions.Count);
        Assert.Equal(UniqueId, view.Footer.UniqueId);
    }

    [Fact]
    public void TryOpen_MutatedFooters_OnlyInvalidDataEscapes()
    {
        var vhd = BuildVhd();
        MutationFuzzer.Run(vhd, [(vhd.Length - 512, 512)], bytes =>
        {
            // Mutations break the checksum; fix it up half the time so the field checks run too.
            if (bytes.Length == vhd.Length && bytes[^1] % 2 == 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(bytes.Length - 512 + 64), VhdFooter.ComputeChecksum(bytes.AsSpan(bytes.Length - 512)));
            }

            using var stream = new MemoryStream(bytes);
            using var view = DiskFormats.Open(stream);
            DiskInspector.Inspect(view);
        });
    }
}
