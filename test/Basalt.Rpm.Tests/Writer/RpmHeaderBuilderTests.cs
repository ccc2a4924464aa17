using Basalt.Rpm.Format;
using Basalt.Rpm.Writer;

namespace Basalt.Rpm.Tests.Writer;

public sealed class RpmHeaderBuilderTests
{
    [Fact]
    public void Build_MixedTypes_ParsesBackWithAlignedValuesAndRegion()
    {
        var builder = new RpmHeaderBuilder();
        builder.AddString(1000, "abc");
        builder.AddInt16(1030, [0x81ED, 0x41ED]);
        builder.AddInt32(1034, 7u, 8u);
        builder.AddInt64(5009, 1UL << 40);
        builder.AddStringArray(1117, ["a", "bc"]);
        builder.AddBinary(1008, [1, 2, 3]);

        var header = RpmHeader.Parse(builder.Build(RpmFormat.HeaderImmutableTag), "test header");

        Assert.Equal(RpmFormat.HeaderImmutableTag, header.RegionTag);
        Assert.Equal(7, header.RegionEntryCount);
        Assert.Equal([63, 1000, 1008, 1030, 1034, 1117, 5009], header.Entries.Select(e => e.Tag));
        // "abc\0" ends at 4, BIN follows unaligned (4..7), INT16 aligns to 8, INT32 to 12, strings at 20, INT64 aligns to 32.
        Assert.Equal([0, 4, 8, 12, 20, 32], header.Entries.Skip(1).Select(e => e.Offset));
        Assert.Equal("abc", header.GetString(RpmTag.Name));
        Assert.Equal([0x81EDUL, 0x41ED], header.GetNumbers(RpmTag.FileModes));
        Assert.Equal([7UL, 8], header.GetNumbers(RpmTag.FileMtimes));
        Assert.Equal(1UL << 40, header.GetNumber(RpmTag.LongSize));
        Assert.Equal(["a", "bc"], header.GetStrings(RpmTag.BaseNames));
    }

    [Fact]
    public void Build_DuplicateTag_Throws()
    {
        var builder = new RpmHeaderBuilder();
        builder.AddString(1000, "a");

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddString(1000, "b"));

        Assert.Equal("Header tag 1000 was added twice.", error.Message);
    }
}
