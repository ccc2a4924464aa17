namespace Basalt.Packaging.Tests;

public sealed class EvrTests
{
    [Theory]
    [InlineData("1.0", null, "1.0", null)]
    [InlineData("1.0-2", null, "1.0", "2")]
    [InlineData("3:1.0-2", 3, "1.0", "2")]
    [InlineData("0:1.0", 0, "1.0", null)]
    [InlineData(":1.0", 0, "1.0", null)]
    [InlineData("1.0-2-3", null, "1.0-2", "3")]
    [InlineData("1.0-", null, "1.0", "")]
    [InlineData("a:1.0", null, "a:1.0", null)]
    [InlineData("", null, "", null)]
    public void Parse_RpmEvrText_SplitsAsParseEvr(string text, int? epoch, string version, string? release)
        => Assert.Equal(new Evr(epoch, version, release), Evr.Parse(text));

    [Fact]
    public void Parse_EpochTooLarge_ThrowsNamingTheEpoch()
    {
        var ex = Assert.Throws<FormatException>(() => Evr.Parse("99999999999:1-1"));
        Assert.Equal("EVR \"99999999999:1-1\": epoch \"99999999999\" does not fit a 32-bit integer.", ex.Message);
    }

    [Theory]
    [InlineData(null, "1.0", null, "1.0")]
    [InlineData(2, "1.0", "3", "2:1.0-3")]
    [InlineData(0, "1.0", "3", "0:1.0-3")]
    public void ToString_Evr_PrintsAsRpm(int? epoch, string version, string? release, string expected)
        => Assert.Equal(expected, new Evr(epoch, version, release).ToString());

    [Theory]
    [InlineData("1.0-1", "1.0-1", 0)]
    [InlineData("0:1.0-1", "1.0-1", 0)]
    [InlineData("1:1.0-1", "2.0-1", 1)]
    [InlineData("1.0", "1.0-1", -1)]
    [InlineData("1.0-", "1.0", 1)]
    [InlineData("1.0-~", "1.0-", -1)]
    [InlineData("1.0-2", "1.0-10", -1)]
    [InlineData("1.0~rc1-5", "1.0-1", -1)]
    public void Compare_EvrPairs_AsLabelCompare(string a, string b, int expected)
    {
        Assert.Equal(expected, Evr.Compare(Evr.Parse(a), Evr.Parse(b)));
        Assert.Equal(-expected, Evr.Parse(b).CompareTo(Evr.Parse(a)));
    }

    [Fact]
    public void Compare_Null_SortsFirst()
    {
        Assert.Equal(-1, Evr.Compare(null, Evr.Parse("0")));
        Assert.Equal(1, Evr.Compare(Evr.Parse("0"), null));
        Assert.Equal(0, Evr.Compare(null, null));
    }

    [Fact]
    public void Operators_OrderedPair_AgreeWithCompare()
    {
        var low = Evr.Parse("1.0~rc1");
        var high = Evr.Parse("1.0");
        Assert.True(low < high);
        Assert.True(low <= high);
        Assert.True(high > low);
        Assert.True(high >= low);
        Assert.False(high < low);
    }
}
