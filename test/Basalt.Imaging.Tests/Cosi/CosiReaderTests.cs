using System.Text;
using Basalt.Imaging.Cosi;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Cosi;

public sealed class CosiReaderTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private string _cosi = "";
    private string _disk = "";

    public async ValueTask InitializeAsync()
    {
        var (disk, rootHash) = await CosiSample.WriteDiskAsync(_temp.FullPath);
        _disk = disk;
        _cosi = _temp.Path("image.cosi");
        await CosiWriter.WriteAsync(CosiSample.Source(disk, rootHash), _cosi, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void Read_WrittenFile_MetadataRoundTrips()
    {
        using var stream = File.OpenRead(_cosi);
        var file = CosiReader.Read(stream, "image.cosi", TestContext.Current.CancellationToken);
        Assert.Equal("1.2", file.Metadata.Version);
        Assert.Equal(4, file.Metadata.Disk.GptRegions.Count);
        Assert.Equal(GptPartitionTypes.RootX64, file.Metadata.Images[1].PartType);
        Assert.Equal(4, file.Gpt.Partitions.Count);
        Assert.Equal("systemd-boot", file.Metadata.Bootloader.Type);
        Assert.Equal(2, file.Metadata.Packages.Count);

        using var image = file.OpenImage(file.Metadata.Images[0].Image);
        using var copy = new MemoryStream();
        image.CopyTo(copy);
        var raw = File.ReadAllBytes(_disk);
        var esp = file.Gpt.Partitions.Single(p => p.Number == 1);
        Assert.Equal(raw.AsSpan((int)esp.OffsetBytes, (int)esp.SizeBytes).ToArray(), copy.ToArray());
    }

    [Fact]
    public void DiskFormatsOpen_CosiFile_ShowsTheGuestDisk()
    {
        using var stream = File.OpenRead(_cosi);
        using var view = DiskFormats.Open(stream, [new CosiDiskFormat()]);
        Assert.Equal("cosi", view.Format);
        Assert.Equal(new FileInfo(_disk).Length, view.Size);
        var report = DiskInspector.Inspect(view);
        Assert.NotNull(report.Gpt);
        Assert.Equal(["esp", "root", "root-verity", "spare"], report.Partitions.Select(p => p.Partition.Name));
        Assert.Contains(report.FormatDetails, d => d.Key == "Filesystem /" && d.Value.Contains("erofs", StringComparison.Ordinal));
        Assert.Contains(report.FormatDetails, d => d is { Key: "OS", Value: "Basalt Test 1" });

        // Guest bytes equal the raw disk inside the carried regions, zero in the uncarried partition.
        var raw = File.ReadAllBytes(_disk);
        var root = report.Partitions[1].Partition;
        var buffer = new byte[8192];
        view.ReadAt(root.OffsetBytes + 4096, buffer);
        Assert.Equal(raw.AsSpan((int)root.OffsetBytes + 4096, buffer.Length).ToArray(), buffer);
        view.ReadAt(report.Partitions[3].Partition.OffsetBytes, buffer);
        Assert.True(buffer.AsSpan().IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void TryOpen_RawDisk_ReturnsFalse()
    {
        using var stream = File.OpenRead(_disk);
        Assert.False(new CosiDiskFormat().TryOpen(stream, out _));
    }

    [Fact]
    public void Read_ImageByteFlipped_ReportsHashMismatch()
    {
        var members = CosiSample.Members(_cosi).Select(m => (m.Entry.Name, m.Data)).ToList();
        var index = members.FindIndex(m => m.Name == "images/partition-2.rawzst");
        members[index].Data[members[index].Data.Length / 2] ^= 0x40;
        var error = ReadRewritten(members);
        Assert.Contains("image 'images/partition-2.rawzst' has SHA-384", error.Message, StringComparison.Ordinal);
        Assert.Contains("but metadata.json says", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MetadataNotAfterMarker_ReportsMemberOrder()
    {
        var members = CosiSample.Members(_cosi).Select(m => (m.Entry.Name, m.Data)).ToList();
        (members[1], members[2]) = (members[2], members[1]);
        var error = ReadRewritten(members);
        Assert.Contains("the second tar member must be 'metadata.json' (found 'images/primary-gpt.rawzst')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RegionsOutOfDiskOrder_ReportsOrder()
    {
        var members = CosiSample.Members(_cosi).Select(m => (m.Entry.Name, m.Data)).ToList();
        (members[3], members[4]) = (members[4], members[3]);
        var error = ReadRewritten(members);
        Assert.Contains("images must be in physical disk order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MarkerMissing_ReportsFirstMember()
    {
        var members = CosiSample.Members(_cosi).Select(m => (m.Entry.Name, m.Data)).Skip(1).ToList();
        var error = ReadRewritten(members);
        Assert.Contains("the first tar member must be the empty regular file 'cosi-marker'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Truncated_ReportsTruncation()
    {
        var bytes = File.ReadAllBytes(_cosi);
        using var stream = new MemoryStream(bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => CosiReader.Read(stream, "half.cosi", TestContext.Current.CancellationToken));
        Assert.Contains("COSI 'half.cosi': truncated tar at offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingDataAfterEndMarker_IsIgnored()
    {
        var bytes = File.ReadAllBytes(_cosi).Concat(Encoding.ASCII.GetBytes("footer data")).ToArray();
        using var stream = new MemoryStream(bytes);
        Assert.Equal(4, CosiReader.Read(stream, "footer.cosi", TestContext.Current.CancellationToken).Metadata.Disk.GptRegions.Count);
    }

    [Theory]
    [InlineData("\"compression\"", "\"compressionX\"", "metadata.json 'compression' is missing")]
    [InlineData("\"version\": \"1.2\"", "\"version\": \"1.1\"", "metadata.json 'version' '1.1' is not supported")]
    [InlineData("\"osArch\": \"x86_64\"", "\"osArch\": \"mips\"", "metadata.json 'osArch' 'mips' is not one of x86_64, arm64")]
    [InlineData("\"type\": \"systemd-boot\"", "\"type\": \"lilo\"", "metadata.json 'bootloader' bootloader type 'lilo'")]
    [InlineData("\"number\": 2", "\"number\": 9", "partition region 9 ('images/partition-2.rawzst') names no GPT entry")]
    [InlineData("\"partType\": \"4f68bce3", "\"partType\": \"0fc63daf", "partType")]
    public void Read_MetadataEdited_ReportsTheField(string find, string replace, string expected)
    {
        var members = CosiSample.Members(_cosi).Select(m => (m.Entry.Name, m.Data)).ToList();
        var text = Encoding.UTF8.GetString(members[1].Data);
        Assert.Contains(find, text, StringComparison.Ordinal);
        var edited = text.Replace(find, replace, StringComparison.Ordinal);
        if (replace.StartsWith("\"partType\"", StringComparison.Ordinal))
        {
            edited = edited.Replace("0fc63daf-e8cd-4db1-96e7-fbcaf984b709", "0fc63daf-8483-4772-8e79-3d69d8477de4", StringComparison.Ordinal);
        }

        members[1] = (members[1].Name, Encoding.UTF8.GetBytes(edited));
        var error = ReadRewritten(members);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CompressedSizeWrong_ReportsSizes()
    {
        var members = CosiSample.Members(_cosi).Select(m => (m.Entry.Name, m.Data)).ToList();
        var gpt = members[2].Data;
        members[1] = (members[1].Name, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(members[1].Data)
            .Replace($"\"compressedSize\": {gpt.Length},", $"\"compressedSize\": {gpt.Length + 1},", StringComparison.Ordinal)));
        var error = ReadRewritten(members);
        Assert.Contains($"image 'images/primary-gpt.rawzst' is {gpt.Length} bytes in the tar but compressedSize says {gpt.Length + 1}", error.Message, StringComparison.Ordinal);
    }

    private InvalidDataException ReadRewritten(List<(string Name, byte[] Data)> members)
    {
        var path = _temp.Path("bad.cosi");
        CosiSample.WriteTar(path, members);
        using var stream = File.OpenRead(path);
        return Assert.Throws<InvalidDataException>(() => CosiReader.Read(stream, "bad.cosi", TestContext.Current.CancellationToken));
    }
}
