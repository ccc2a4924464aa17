using Basalt.Compose.Layout;

namespace Basalt.Compose.Tests.Layout;

public sealed class OsReleaseFileTests
{
    [Theory]
    [InlineData("fedora", "VERSION_ID=fedora")]
    [InlineData("41", "VERSION_ID=41")]
    [InlineData("2026.11.0", "VERSION_ID=\"2026.11.0\"")]
    [InlineData("", "VERSION_ID=\"\"")]
    [InlineData("a b", "VERSION_ID=\"a b\"")]
    [InlineData("$x \"y\" `z` \\", "VERSION_ID=\"\\$x \\\"y\\\" \\`z\\` \\\\\"")]
    public void Format_Value_QuotesAndEscapesPerOsRelease5(string value, string expected)
        => Assert.Equal(expected, OsReleaseFile.Format("VERSION_ID", value));

    [Fact]
    public void Format_MultiLineValue_Throws()
        => Assert.Contains("'NAME'", Assert.Throws<ArgumentException>(() => OsReleaseFile.Format("NAME", "a\nb")).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_FormattedValues_RoundTrip()
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["A"] = "$x \"y\" `z` \\", ["B"] = "plain", ["C"] = "a b" };

        var parsed = OsReleaseFile.Parse(OsReleaseFile.Merge(null, fields));

        Assert.Equal(fields, parsed);
    }

    [Fact]
    public void Merge_DuplicateKey_KeepsOneAssignment()
    {
        var merged = OsReleaseFile.Merge("ID=a\nNAME=x\nID=b\n", new Dictionary<string, string> { ["ID"] = "c" });

        Assert.Equal("ID=c\nNAME=x\n", merged);
    }

    [Fact]
    public void Parse_ShellQuoting_MatchesShell()
    {
        var text = "# c\nA='single $x'\nB=\"double \\\"q\\\"\"\nC=bare\n";
        var shell = Basalt.TestInfrastructure.ExternalTool.Shell($"set -a; . /dev/stdin <<'EOF'\n{text}EOF\nprintf '%s|%s|%s' \"$A\" \"$B\" \"$C\"");

        var parsed = OsReleaseFile.Parse(text);

        Assert.Equal(shell.StandardOutput, $"{parsed["A"]}|{parsed["B"]}|{parsed["C"]}");
    }
}
