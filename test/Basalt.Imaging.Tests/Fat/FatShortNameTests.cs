using System.Text;
using Basalt.Imaging.Fat;

namespace Basalt.Imaging.Tests.Fat;

public sealed class FatShortNameTests
{
    [Theory]
    [InlineData("README", true)]
    [InlineData("BOOTX64.EFI", true)]
    [InlineData("readme", false)]
    [InlineData("TOOLONGNAME.TXT", false)]
    [InlineData("A.B.C", false)]
    [InlineData(".HIDDEN", false)]
    [InlineData("FILE.", false)]
    public void IsExactShortName_Examples(string name, bool expected) => Assert.Equal(expected, FatShortName.IsExactShortName(name));

    [Theory]
    [InlineData("foo.txt", "FOO     TXT")]
    [InlineData("The quick brown.fox", "THEQUI~1FOX")]
    [InlineData("a+b.c", "A_B~1   C  ")]
    [InlineData("archive.tar.gz", "ARCHIV~1GZ ")]
    [InlineData(".bashrc", "BASHRC~1   ")]
    [InlineData("x.html", "X~1     HTM")]
    public void Generate_Examples_FollowBasisAndTailRules(string longName, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(FatShortName.Generate(longName, [])));
    }

    [Fact]
    public void Generate_Collisions_IncrementTail()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        Assert.Equal("LONGNA~1TXT", Encoding.ASCII.GetString(FatShortName.Generate("long name 1.txt", taken)));
        Assert.Equal("LONGNA~2TXT", Encoding.ASCII.GetString(FatShortName.Generate("long name 2.txt", taken)));
        Assert.Equal("FOO     TXT", Encoding.ASCII.GetString(FatShortName.Generate("foo.txt", taken)));
        Assert.Equal("FOO~1   TXT", Encoding.ASCII.GetString(FatShortName.Generate("Foo.txt", taken)));
    }

    [Fact]
    public void Checksum_KnownShortName_MatchesSpecAlgorithm()
    {
        // Computed by hand with the fatgen103 rotate-right-and-add over "FOO     TXT".
        var sum = 0;
        foreach (var b in "FOO     TXT"u8)
        {
            sum = ((((sum & 1) << 7) | (sum >> 1)) + b) & 0xFF;
        }

        Assert.Equal((byte)sum, FatShortName.Checksum("FOO     TXT"u8));
    }
}
