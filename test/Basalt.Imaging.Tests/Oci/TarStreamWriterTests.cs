using System.Formats.Tar;
using System.Text;
using Basalt.Imaging.Oci;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Oci;

public sealed class TarStreamWriterTests
{
    /// <summary>Record lengths around 100 test the self-counting "LEN" prefix when it gains a digit.</summary>
    [Theory]
    [InlineData(70)]
    [InlineData(77)]
    [InlineData(78)]
    [InlineData(79)]
    [InlineData(80)]
    [InlineData(981)]
    [InlineData(982)]
    public async Task WriteEntryAsync_XattrLengthsAroundDigitBoundaries_BclReaderAgrees(int valueLength)
    {
        var value = new string('v', valueLength);
        using var buffer = new MemoryStream();
        var tar = new TarStreamWriter(buffer);
        await tar.WriteEntryAsync(new TarEntryHeader
        {
            Name = "f",
            TypeFlag = TarLayout.TypeRegular,
            Size = 3,
            ExtendedAttributes = [new("user.k", Encoding.ASCII.GetBytes(value))],
        }, new MemoryStream("abc"u8.ToArray()), TestContext.Current.CancellationToken);
        await tar.WriteEndAsync(TestContext.Current.CancellationToken);
        Assert.Equal(buffer.Length, tar.Position);

        buffer.Position = 0;
        using var reader = new TarReader(buffer);
        var entry = Assert.IsType<PaxTarEntry>(reader.GetNextEntry());
        Assert.Equal(value, entry.ExtendedAttributes["SCHILY.xattr.user.k"]);
        Assert.Equal("f", entry.Name);
        Assert.Null(reader.GetNextEntry());
    }

    [Fact]
    public async Task WriteEntryAsync_LongNamesAndOwners_GnuTarListsThem()
    {
        var tarTool = ExternalTool.Require("tar", "tar");
        using var temp = new TempDirectory();
        var path = temp.Path("x.tar");
        var longName = "dir/" + new string('a', 200);
        await using (var file = File.Create(path))
        {
            var tar = new TarStreamWriter(file);
            await tar.WriteEntryAsync(new TarEntryHeader { Name = "dir/", TypeFlag = TarLayout.TypeDirectory, Mode = 0x1ED, Uid = 3_000_000, Gid = 7 }, null, TestContext.Current.CancellationToken);
            await tar.WriteEntryAsync(new TarEntryHeader { Name = longName, TypeFlag = TarLayout.TypeRegular, Size = 2, MtimeSeconds = 86400 }, new MemoryStream("hi"u8.ToArray()), TestContext.Current.CancellationToken);
            await tar.WriteEndAsync(TestContext.Current.CancellationToken);
        }

        var listing = ExternalTool.Run(tarTool, ["--numeric-owner", "-tvf", path]).EnsureSuccess("tar -tvf").StandardOutput;
        Assert.Contains("drwxr-xr-x 3000000/7", listing, StringComparison.Ordinal);
        Assert.Contains(listing.Split('\n'), l => l.StartsWith("-rw-r--r-- 0/0 ", StringComparison.Ordinal) && l.EndsWith(" 2 1970-01-02 00:00 " + longName, StringComparison.Ordinal));
    }
}
