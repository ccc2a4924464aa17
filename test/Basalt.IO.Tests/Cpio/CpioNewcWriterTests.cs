using Basalt.IO.Cpio;
using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests.Cpio;

public sealed class CpioNewcWriterTests
{
    [Fact]
    public void WriteEntry_SameInputTwice_SameBytes()
        => Assert.Equal(CpioTestArchives.Sample(), CpioTestArchives.Sample());

    [Fact]
    public void WriteEntry_Sample_ListedByGnuCpioInOrder()
    {
        var archive = CpioTestArchives.Sample();
        var ours = CpioNewcReaderTests.ReadAll(archive).Select(e => e.Entry.Name).ToArray();
        Assert.Equal(ours, CpioFixtures.CpioList(archive));
        Assert.Equal(16, ours.Length);
    }

    [Fact]
    public void WriteEntry_Sample_GnuCpioExtractsSameTreeAsExtractor()
    {
        var archive = CpioTestArchives.Sample();
        using var temp = new TempDirectory();
        CpioFixtures.CpioExtract(archive, temp.Path("gnu"));
        CpioExtractor.Extract(new MemoryStream(archive), temp.Path("ours"));

        var expected = CpioFixtures.Describe(temp.Path("gnu"));
        Assert.Contains("./usr/lib/c f 644 3 11", expected, StringComparison.Ordinal);
        Assert.Contains("./usr/bin/suid f 4755 1", expected, StringComparison.Ordinal);
        Assert.Contains("./tmp d 1777", expected, StringComparison.Ordinal);
        Assert.Contains("./usr/bin/abs-link l 777 1 /usr/bin/tool", expected, StringComparison.Ordinal);
        Assert.Equal(expected, CpioFixtures.Describe(temp.Path("ours")));

        // Directory times come from the archive (applied after their contents are written).
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_001).UtcDateTime, Directory.GetLastWriteTimeUtc(temp.Path("ours", "usr", "bin")));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_005).UtcDateTime, new FileInfo(temp.Path("ours", "usr", "bin", "abs-link")).LastWriteTimeUtc);
    }

    [Fact]
    public void WriteHardLinkGroup_DataOnLastLinkOnly()
    {
        var entries = CpioNewcReaderTests.ReadAll(CpioTestArchives.Sample()).Where(e => e.Entry.Name.StartsWith("./usr/lib/", StringComparison.Ordinal)).ToList();
        Assert.Equal([0L, 0L, 11L], entries.Select(e => e.Entry.FileSize));
        Assert.All(entries, e => Assert.Equal(3u, e.Entry.NumberOfLinks));
        Assert.Single(entries.Select(e => e.Entry.Inode).Distinct());
    }

    [Fact]
    public void WriteEntry_ShortData_ThrowsNamingEntry()
    {
        using var writer = new CpioNewcWriter(new MemoryStream());
        var ex = Assert.Throws<ArgumentException>(() => writer.WriteEntry(new CpioEntry { Name = "./x", Mode = 0x81a4, FileSize = 10 }, new MemoryStream(new byte[4])));
        Assert.Contains("'./x'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_Archive_EndsWithRpmTrailerPaddedTo4()
    {
        var output = new MemoryStream();
        using (var writer = new CpioNewcWriter(output, leaveOpen: true))
        {
            writer.Finish();
        }

        var bytes = output.ToArray();
        Assert.Equal(124, bytes.Length); // 110 + "TRAILER!!!\0" (11) + 3 padding
        Assert.Equal("07070100000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000b00000000TRAILER!!!\0\0\0\0",
            System.Text.Encoding.ASCII.GetString(bytes));
    }
}
