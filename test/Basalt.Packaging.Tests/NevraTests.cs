namespace Basalt.Packaging.Tests;

public sealed class NevraTests
{
    [Fact]
    public void ToString_EveryFixturePackage_MatchesRpmNevra()
    {
        var rows = FixturePackages.Query(@"%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{NEVRA}\t%{NVRA}\n");
        Assert.True(rows.Length > 50, $"expected many fixture packages, got {rows.Length}");
        Assert.Contains(rows, r => !r.Split('\t')[1].Equals("(none)", StringComparison.Ordinal));
        foreach (var row in rows)
        {
            var f = row.Split('\t');
            int? epoch = f[1] == "(none)" ? null : int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture);
            var nevra = new Nevra(f[0], epoch, f[2], f[3], f[4]);
            Assert.Equal(f[5], nevra.ToString());
            Assert.Equal(f[6], nevra.ToNvra());
            Assert.Equal(nevra, Nevra.Parse(f[5]));
        }
    }

    [Theory]
    [InlineData("bash-5.2.15-3.azl3.x86_64", "bash", null, "5.2.15", "3.azl3", "x86_64")]
    [InlineData("perl-Foo-Bar-1:2.0-1.fc40.noarch", "perl-Foo-Bar", 1, "2.0", "1.fc40", "noarch")]
    [InlineData("kernel-core-6.6.1^git2-0.1.rc1.src", "kernel-core", null, "6.6.1^git2", "0.1.rc1", "src")]
    [InlineData("a-0:1-2.i686", "a", 0, "1", "2", "i686")]
    public void Parse_WellFormed_SplitsFromTheRight(string text, string name, int? epoch, string version, string release, string arch)
    {
        var nevra = Nevra.Parse(text);
        Assert.Equal(new Nevra(name, epoch, version, release, arch), nevra);
        Assert.Equal(text, nevra.ToString());
        Assert.Equal(new Evr(epoch, version, release), nevra.Evr);
    }

    [Theory]
    [InlineData("bash", "expected \".arch\" at the end")]
    [InlineData("bash-5.2-3", "expected \".arch\" at the end")]
    [InlineData("bash-5.2-3.", "expected \".arch\" at the end")]
    [InlineData("bash.x86_64", "expected \"-release\" before the architecture")]
    [InlineData("bash-5.x86_64", "expected \"name-version\" before the release")]
    [InlineData("-5-3.x86_64", "expected \"name-version\" before the release")]
    [InlineData("bash-x:5-3.x86_64", "epoch \"x\" is not a number")]
    [InlineData("bash-1:-3.x86_64", "expected a version after the epoch")]
    public void Parse_Malformed_ThrowsNamingThePart(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => Nevra.Parse(text));
        Assert.Equal($"NEVRA \"{text}\": {expected}.", ex.Message);
        Assert.False(Nevra.TryParse(text, out var nevra));
        Assert.Null(nevra);
    }

    [Fact]
    public void ToNevr_WithEpoch_PrintsEpoch()
        => Assert.Equal("a-3:1.0-2", new Nevra("a", 3, "1.0", "2", "noarch").ToNevr());
}
