using System.Text.Json;
using Basalt.TestInfrastructure;

namespace Basalt.Packaging.Tests;

public sealed class RpmVersionTests
{
    private sealed record Vector(string A, string B, int Expect);

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private static List<Vector> LoadVectors()
    {
        var json = File.ReadAllText(Fixtures.Path("rpms/cavaliergopher-rpm/testdata/vercmp.json"));
        return JsonSerializer.Deserialize<List<Vector>>(json, JsonOptions)
               ?? throw new InvalidDataException("vercmp.json is empty");
    }

    [Fact]
    public void Compare_EveryVercmpJsonVector_MatchesExpectation()
    {
        var vectors = LoadVectors();
        Assert.True(vectors.Count > 4000, $"expected the full vector set, got {vectors.Count}");
        var failures = vectors
            .Where(v => RpmVersion.Compare(v.A, v.B) != v.Expect)
            .Select(v => $"\"{v.A}\" vs \"{v.B}\": expected {v.Expect}, got {RpmVersion.Compare(v.A, v.B)}")
            .ToList();
        Assert.Empty(failures);
    }

    [Fact]
    public void Compare_EveryVercmpJsonVectorSwapped_ReturnsNegation()
    {
        foreach (var v in LoadVectors())
        {
            Assert.Equal(-v.Expect, RpmVersion.Compare(v.B, v.A));
        }
    }

    [Theory]
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.0", "2.0", -1)]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0~rc1", "1.0~rc2", -1)]
    [InlineData("1.0~~", "1.0~", -1)]
    [InlineData("1.0^", "1.0", 1)]
    [InlineData("1.0^git1", "1.0", 1)]
    [InlineData("1.0^git1", "1.0.1", -1)]
    [InlineData("1.0^git1", "1.0^git2", -1)]
    [InlineData("1.0^git1~pre", "1.0^git1", -1)]
    [InlineData("1.0~rc1^git1", "1.0~rc1", 1)]
    [InlineData("1.0", "1.0a", -1)]
    [InlineData("1a", "1.1", -1)]
    [InlineData("010", "10", 0)]
    [InlineData("1.01", "1.1", 0)]
    [InlineData("1_0", "1.0", 0)]
    [InlineData("1+0", "1..0", 0)]
    [InlineData("a", "1", -1)]
    [InlineData("", "~", 1)]
    [InlineData("", "^", -1)]
    [InlineData("18446744073709551617", "18446744073709551616", 1)]
    [InlineData("1.é", "1", 0)]
    public void Compare_KnownPairs_ReturnsRpmOrder(string a, string b, int expected)
    {
        Assert.Equal(expected, RpmVersion.Compare(a, b));
        Assert.Equal(-expected, RpmVersion.Compare(b, a));
    }
}
