using System.Buffers.Binary;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Qcow2;
using Basalt.Imaging.Tests.Disk;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Qcow2;

public sealed class Qcow2WriterTests
{
    private static byte[] Convert(byte[] raw)
    {
        using var output = new MemoryStream();
        Qcow2Writer.ConvertAsync(new MemoryStream(raw), output).GetAwaiter().GetResult();
        return output.ToArray();
    }

    [Fact]
    public async Task Convert_SampleDisk_QemuCheckCleanAndCompareIdentical()
    {
        var qemuImg = ExternalTool.Require("qemu-img", "qemu-utils");
        using var temp = new TempDirectory();
        var raw = SampleDisk.Write(temp.Path("disk.raw"), 64L * 1024 * 1024);
        var qcow2 = temp.Path("disk.qcow2");
        await Qcow2Writer.ConvertAsync(raw, qcow2, TestContext.Current.CancellationToken);

        var check = ExternalTool.Run(qemuImg, ["check", "-f", "qcow2", qcow2]);
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
        Assert.Contains("No errors were found", check.StandardOutput, StringComparison.Ordinal);

        var compare = ExternalTool.Run(qemuImg, ["compare", "-f", "raw", "-F", "qcow2", raw, qcow2]);
        Assert.True(compare.ExitCode == 0, compare.StandardOutput + compare.StandardError);
        Assert.Contains("Images are identical", compare.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_MostlyEmptyDisk_StoresOnlyAllocatedClusters()
    {
        // 64 MiB disk with about 2.5 MiB of data: the qcow2 must stay near the data size.
        var qcow2 = Convert(SampleDisk.Build(64L * 1024 * 1024));
        Assert.InRange(qcow2.Length, 2L * 1024 * 1024, 4L * 1024 * 1024);
    }

    [Fact]
    public async Task Convert_SparseFile_SameBytesAsFromMemory()
    {
        // The file path skips holes found with SEEK_DATA/SEEK_HOLE; the memory path scans every cluster.
        using var temp = new TempDirectory();
        var raw = SampleDisk.Write(temp.Path("disk.raw"), 64L * 1024 * 1024);
        var qcow2 = temp.Path("disk.qcow2");
        await Qcow2Writer.ConvertAsync(raw, qcow2, TestContext.Current.CancellationToken);
        Assert.Equal(Convert(await File.ReadAllBytesAsync(raw, TestContext.Current.CancellationToken)),
            await File.ReadAllBytesAsync(qcow2, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Convert_Twice_IdenticalBytes()
    {
        var raw = SampleDisk.Build();
        Assert.Equal(Convert(raw), Convert(raw));
    }

    [Fact]
    public void Convert_UnalignedSize_PadsLastClusterAndKeepsSize()
    {
        var raw = SampleDisk.Payload(100_000, 9);
        using var stream = new MemoryStream(Convert(raw));
        Assert.True(Qcow2DiskView.TryOpen(stream, out var view));
        Assert.Equal(100_000, view.Size);
        var back = new byte[100_000];
        view.ReadAt(0, back);
        Assert.Equal(raw, back);
    }

    [Fact]
    public void TryOpen_OwnOutput_ReadsGpt()
    {
        using var stream = new MemoryStream(Convert(SampleDisk.Build()));
        using var view = DiskFormats.Open(stream);
        Assert.Equal("qcow2", view.Format);
        Assert.True(GptReader.TryRead(view, out var table));
        Assert.Equal(SampleDisk.DiskGuid, table.DiskGuid);
    }

    [Fact]
    public void TryOpen_QemuImgOutput_ReadsSameBytes()
    {
        var qemuImg = ExternalTool.Require("qemu-img", "qemu-utils");
        using var temp = new TempDirectory();
        var raw = SampleDisk.Write(temp.Path("disk.raw"));
        var qcow2 = temp.Path("q.qcow2");
        ExternalTool.Run(qemuImg, ["convert", "-f", "raw", "-O", "qcow2", raw, qcow2]).EnsureSuccess("qemu-img convert");
        using var stream = File.OpenRead(qcow2);
        Assert.True(Qcow2DiskView.TryOpen(stream, out var view));
        var bytes = new byte[view.Size];
        view.ReadAt(0, bytes);
        Assert.Equal(File.ReadAllBytes(raw), bytes);
    }

    [Theory]
    [InlineData(4, 7, "version 7 at offset 4")]
    [InlineData(20, 40, "cluster_bits 40 at offset 20")]
    [InlineData(36, 0, "l1_size 0 at offset 36")]
    public void TryOpen_BadHeaderField_ThrowsNamingOffset(int offset, int value, string expected)
    {
        var qcow2 = Convert(SampleDisk.Build());
        BinaryPrimitives.WriteInt32BigEndian(qcow2.AsSpan(offset), value);
        var error = Assert.Throws<InvalidDataException>(() => Qcow2DiskView.TryOpen(new MemoryStream(qcow2), out _));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_AbsurdSize_Throws()
    {
        var qcow2 = Convert(SampleDisk.Build());
        BinaryPrimitives.WriteInt64BigEndian(qcow2.AsSpan(24), long.MaxValue);
        var error = Assert.Throws<InvalidDataException>(() => Qcow2DiskView.TryOpen(new MemoryStream(qcow2), out _));
        Assert.Contains("virtual size 9223372036854775807 at offset 24 is absurd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_Truncated_ThrowsWhenReading()
    {
        var qcow2 = Convert(SampleDisk.Build());
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            using var stream = new MemoryStream(qcow2[..(qcow2.Length / 2)]);
            using var view = DiskFormats.Open(stream);
            DiskInspector.Inspect(view);
        });
        Assert.Contains("offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_MutatedImages_OnlyInvalidDataEscapes()
    {
        var qcow2 = Convert(SampleDisk.Build());
        var metadataStart = (int)BinaryPrimitives.ReadInt64BigEndian(qcow2.AsSpan(40)) - 65536; // last L2 table and after
        MutationFuzzer.Run(qcow2, [(0, 112), (metadataStart, qcow2.Length - metadataStart)], bytes =>
        {
            using var stream = new MemoryStream(bytes);
            using var view = DiskFormats.Open(stream);
            DiskInspector.Inspect(view);
        }, defaultIterations: 200);
    }
}
