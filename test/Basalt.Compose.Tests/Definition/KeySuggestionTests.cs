using Basalt.Compose.Definition;

namespace Basalt.Compose.Tests.Definition;

public sealed class KeySuggestionTests
{
    [Theory]
    [InlineData("hostnme", "hostname")]
    [InlineData("reposotories", "repositories")]
    [InlineData("Outputs", "outputs")]
    [InlineData("kernel_cmdlien", "kernel_cmdline")]
    [InlineData("os-release", "os_release")]
    public void Closest_Misspelling_SuggestsTheKnownKey(string key, string expected)
    {
        Assert.Equal(expected, KeySuggestion.Closest(key, DefinitionKeys.Root));
    }

    [Theory]
    [InlineData("kernel")]
    [InlineData("x")]
    [InlineData("partitions")]
    public void Closest_UnrelatedKey_SuggestsNothing(string key)
    {
        Assert.Null(KeySuggestion.Closest(key, DefinitionKeys.Root));
    }

    [Theory]
    [InlineData("baseulr", "baseurl", 1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_Pairs_CountEditsWithSwapsAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, KeySuggestion.Distance(a, b));
    }

    [Fact]
    public void Parse_MisspeltNestedKey_SuggestsTheClosest()
    {
        var errors = DefinitionFixture.Errors(DefinitionFixture.Minimal + "disk: {partitions: {verty: 8M}}\n");

        Assert.Equal(["disk.partitions.verty (line 8, column 21): unknown key 'verty'; did you mean 'verity'?"], errors);
    }
}
