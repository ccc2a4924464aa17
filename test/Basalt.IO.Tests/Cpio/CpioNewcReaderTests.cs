using System.Text;
using Basalt.IO.Cpio;
using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests.Cpio;

public sealed class CpioNewcReaderTests
{
    [Fact]
    public void GetNextEntry_FooCpio_ReadsEveryEntry()
    {
        var entries = ReadAll(File.ReadAllBytes(Fixtures.Path("rpms/go-rpmutils/testdata/foo.cpio")));
        Assert.Equal(CpioFixtures.CpioList(File.ReadAllBytes(Fixtures.Path("rpms/go-rpmutils/testdata/foo.cpio"))), entries.Select(e => e.Entry.Name));
        var config = entries[0];
        Assert.Equal("./config", config.Entry.Name);
        Assert.Equal(CpioEntryType.RegularFile, config.Entry.EntryType);
        Assert.Equal(0x1a4u, config.Entry.Permissions);
        Assert.Equal("config\n", Encoding.ASCII.GetString(config.Data));
    }

    [Fact]
    public void GetNextEntry_DotdotCpio_ReadsHostileNameVerbatim()
    {
        var entries = ReadAll(File.ReadAllBytes(Fixtures.Path("rpms/go-rpmutils/testdata/dotdot.cpio")));
        Assert.Equal("../../aaaaaaaaa", Assert.Single(entries).Entry.Name);
    }

    [Fact]
    public void GetNextEntry_GoRpmutilsStrippedCpio_ReadsWithUnalignedLayout()
    {
        var options = new CpioReaderOptions { AlignStrippedData = false, StrippedFileSize = i => new long[] { 3, 6 }[i] };
        var entries = ReadAll(File.ReadAllBytes(Fixtures.Path("rpms/go-rpmutils/testdata/stripped.cpio")), options);
        Assert.Equal([0, 1], entries.Select(e => e.Entry.FileIndex));
        Assert.All(entries, e => Assert.Equal(CpioFormat.Stripped, e.Entry.Format));
        Assert.Equal(["foo", "foobar"], entries.Select(e => Encoding.ASCII.GetString(e.Data)));
    }

    [Fact]
    public void GetNextEntry_GoRpmutilsStrippedCpioWithRpmLayout_ThrowsAtPadding()
    {
        var options = new CpioReaderOptions { StrippedFileSize = i => new long[] { 3, 6 }[i] };
        var ex = Assert.Throws<InvalidDataException>(() => ReadAll(File.ReadAllBytes(Fixtures.Path("rpms/go-rpmutils/testdata/stripped.cpio")), options));
        Assert.Contains("padding after the stripped header at offset 14 is not zero", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetNextEntry_StrippedWithoutSizes_ThrowsExplaining()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ReadAll(File.ReadAllBytes(Fixtures.Path("rpms/go-rpmutils/testdata/stripped.cpio"))));
        Assert.Contains("sizes of stripped entries come from the package header", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// rpm-rs' v6 packages carry real stripped payloads (uncompressed): data starts 4-aligned after the header, and of
    /// a hard-link set only the last link has data, so its size comes from LONGFILESIZES and the others are 0.
    /// </summary>
    [Fact]
    public void GetNextEntry_RealStrippedPayload_ReadsEveryFileIndex()
    {
        // rpm -qp --qf '[%{FILEINODES} %{LONGFILESIZES}\n]': alpha-1..3 share inode 1 (21 bytes), beta-1..2 inode 4 (20 bytes).
        long[] sizes = [0, 0, 21, 0, 20, 11];
        var payload = CpioFixtures.RawPayload("rpms/rpm-rs/tests/assets/RPMS/v6/rpm-hardlinks-1.0-1.noarch.rpm");
        var entries = ReadAll(payload, new CpioReaderOptions { StrippedFileSize = i => sizes[i] });
        Assert.Equal([5, 0, 1, 2, 3, 4], entries.Select(e => e.Entry.FileIndex));
        Assert.Equal("standalone\n", Encoding.ASCII.GetString(entries[0].Data));
        Assert.Equal("shared-content-alpha\n", Encoding.ASCII.GetString(entries[3].Data));
        Assert.Equal("shared-content-beta\n", Encoding.ASCII.GetString(entries[5].Data));
    }

    [Theory]
    [MemberData(nameof(CpioFixtures.PackageData), MemberType = typeof(CpioFixtures))]
    public void GetNextEntry_RpmPayload_ListsLikeGnuCpio(string package)
    {
        var archive = CpioFixtures.Rpm2Cpio(package);
        var entries = ReadAll(archive);
        Assert.Equal(CpioFixtures.CpioList(archive), entries.Select(e => e.Entry.Name));
    }

    /// <summary>Reading every header and writing it back with the writer reproduces rpm's archive byte for byte.</summary>
    [Theory]
    [MemberData(nameof(CpioFixtures.PackageData), MemberType = typeof(CpioFixtures))]
    public void GetNextEntry_RpmPayloadRewritten_IsByteIdentical(string package)
    {
        var archive = CpioFixtures.Rpm2Cpio(package);
        var output = new MemoryStream();
        using (var writer = new CpioNewcWriter(output, leaveOpen: true))
        {
            foreach (var (entry, data) in ReadAll(archive))
            {
                writer.WriteEntry(entry, data);
            }
        }

        Assert.Equal(archive, output.ToArray());
    }

    [Fact]
    public void GetNextEntry_NonSeekableChunkedStream_SameAsSeekable()
    {
        var archive = CpioFixtures.Rpm2Cpio(CpioFixtures.Packages[0]);
        var fromChunks = new List<string>();
        using (var reader = new CpioNewcReader(new NonSeekableStream(archive, 3)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                // Leave data unread on purpose: the next call must skip it.
                fromChunks.Add(entry.Name);
            }
        }

        Assert.Equal(ReadAll(archive).Select(e => e.Entry.Name), fromChunks);
    }

    [Theory]
    [MemberData(nameof(CpioFixtures.PackageData), MemberType = typeof(CpioFixtures))]
    public async Task GetNextEntryAsync_RpmPayload_SameAsSync(string package)
    {
        var archive = CpioFixtures.Rpm2Cpio(package);
        var expected = ReadAll(archive);
        using var reader = new CpioNewcReader(new NonSeekableStream(archive, 5));
        var index = 0;
        while (await reader.GetNextEntryAsync(TestContext.Current.CancellationToken) is { } entry)
        {
            Assert.Equal(expected[index].Entry, entry);
            if (index % 2 == 0)
            {
                // Every other entry's data is left for the next call to skip.
                using var data = new MemoryStream();
                await reader.DataStream.CopyToAsync(data, TestContext.Current.CancellationToken);
                Assert.Equal(expected[index].Data, data.ToArray());
            }

            index++;
        }

        Assert.Equal(expected.Count, index);
    }

    [Fact]
    public async Task GetNextEntryAsync_TruncatedData_ThrowsNamingEntry()
    {
        var archive = CpioTestArchives.Sample();
        var cut = archive.AsSpan().IndexOf("xxxxxxxxxx"u8) + 100;
        using var reader = new CpioNewcReader(new MemoryStream(archive[..cut]));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            while (await reader.GetNextEntryAsync(TestContext.Current.CancellationToken) is not null)
            {
            }
        });
        Assert.Contains("cpio entry './big' at offset", ex.Message, StringComparison.Ordinal);
        Assert.Contains("of 70001 data bytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, "field 'c_ino' is not hexadecimal: 'g0000064'", (byte)'g')]
    [InlineData(0, "magic '170701' is not '070701', '070702' or '07070X'", (byte)'1')]
    [InlineData(94, "c_namesize 4294967295 is outside 1..4096", (byte)'f')]
    public void GetNextEntry_CorruptHeader_ThrowsNamingFieldAndOffset(int position, string expected, byte value)
    {
        var archive = CpioTestArchives.Build(("./x", 0x81a4, "data"));
        archive[position] = value;
        if (position == 94)
        {
            "ffffffff"u8.CopyTo(archive.AsSpan(94));
        }

        var ex = Assert.Throws<InvalidDataException>(() => ReadAll(archive));
        Assert.Contains("at offset 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetNextEntry_SizeAboveCap_ThrowsNamingEntry()
    {
        var archive = CpioTestArchives.Build(("./x", 0x81a4, "data"));
        var ex = Assert.Throws<InvalidDataException>(() => ReadAll(archive, new CpioReaderOptions { MaxFileSize = 3 }));
        Assert.Equal("cpio entry './x' at offset 0: size 4 is outside 0..3.", ex.Message);
    }

    [Fact]
    public void GetNextEntry_MissingTrailer_Throws()
    {
        var archive = CpioTestArchives.Build(("./x", 0x81a4, "data"));
        var ex = Assert.Throws<InvalidDataException>(() => ReadAll(archive[..^124]));
        Assert.Contains("the archive ends without a 'TRAILER!!!' entry", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetNextEntry_CrcChecksumMismatch_Throws()
    {
        var archive = CpioTestArchives.Build(("./x", 0x81a4, "data"));
        "070702"u8.CopyTo(archive);
        "00000001"u8.CopyTo(archive.AsSpan(102));
        var ex = Assert.Throws<InvalidDataException>(() => ReadAll(archive));
        Assert.Contains("data checksum 0x0000019a does not match the header's 0x00000001", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetNextEntry_CrcChecksumMatches_Reads()
    {
        var archive = CpioTestArchives.Build(("./x", 0x81a4, "data"));
        "070702"u8.CopyTo(archive);
        "0000019a"u8.CopyTo(archive.AsSpan(102)); // 'd' + 'a' + 't' + 'a' = 100 + 97 + 116 + 97
        var entry = Assert.Single(ReadAll(archive));
        Assert.Equal(CpioFormat.Crc, entry.Entry.Format);
    }

    internal static List<(CpioEntry Entry, byte[] Data)> ReadAll(byte[] archive, CpioReaderOptions? options = null)
    {
        var result = new List<(CpioEntry, byte[])>();
        using var reader = new CpioNewcReader(new MemoryStream(archive), options);
        while (reader.GetNextEntry() is { } entry)
        {
            using var data = new MemoryStream();
            reader.DataStream.CopyTo(data);
            result.Add((entry, data.ToArray()));
        }

        return result;
    }
}
