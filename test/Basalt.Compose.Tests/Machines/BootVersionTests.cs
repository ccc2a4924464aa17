using Basalt.Compose.Machines;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Machines;

public sealed class BootVersionTests
{
    private static readonly string[] Versions =
    [
        "1.0", "1.0~rc1", "1.0~rc2", "1.0.1", "1.0-1", "1.0-2", "1.0^p1", "1.0a", "1.0b", "1.00", "1.10", "1.9", "2", "10",
        "6.1.0-56-cloud-amd64", "6.1.0-9-cloud-amd64", "6.1.0-56-amd64", "basalt-1.0.conf", "basalt-1.0.1.conf", "basalt-1.0~rc1.conf",
        "", "a", "A", "abc", "abcd", "1.0..1", "1_0", "~", "^", "-",
    ];

    [Theory]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0", "1.0.1", -1)]
    [InlineData("123-9", "123.1-1", -1)]
    [InlineData("1.0", "1.0^p1", -1)]
    [InlineData("1.0^p1", "1.0.1", -1)]
    [InlineData("6.1.0-56-cloud-amd64", "6.1.0-9-cloud-amd64", 1)]
    [InlineData("007", "7", 0)]
    [InlineData("abc", "abcd", -1)]
    [InlineData("1a", "11", -1)]
    public void Compare_Examples_FollowUapiVersionFormat(string a, string b, int expected)
    {
        Assert.Equal(expected, BootVersion.Compare(a, b));
        Assert.Equal(-expected, BootVersion.Compare(b, a));
    }

    [Fact]
    public void Compare_AllPairs_AgreeWithSystemdAnalyze()
    {
        var analyze = ExternalTool.Require("systemd-analyze", "systemd");
        for (var i = 0; i < Versions.Length; i++)
        {
            foreach (var b in Versions[i..])
            {
                var a = Versions[i];
                var output = ExternalTool.Run(analyze, ["compare-versions", a, b]).StandardOutput.Trim();
                var expected = output.Contains(" < ", StringComparison.Ordinal) ? -1 : output.Contains(" > ", StringComparison.Ordinal) ? 1 : 0;
                Assert.True(expected == BootVersion.Compare(a, b), $"'{a}' vs '{b}': systemd-analyze says {output}");
                Assert.Equal(-expected, BootVersion.Compare(b, a));
            }
        }
    }
}
