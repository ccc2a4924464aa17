using Basalt.Packaging.Rich;

namespace Basalt.Packaging.Tests.Rich;

public sealed class RichDependencyEvaluateTests
{
    // Package name → what it provides (each package also provides "name = version").
    private static readonly Dictionary<string, Dependency[]> Universe = new(StringComparer.Ordinal)
    {
        ["a-1"] = [new("a", DependencyFlags.Equal, "1")],
        ["a-2.5"] = [new("a", DependencyFlags.Equal, "2.5")],
        ["a-4"] = [new("a", DependencyFlags.Equal, "4")],
        ["b"] = [new("b", DependencyFlags.Equal, "1")],
        ["c"] = [new("c", DependencyFlags.Equal, "1")],
        ["xy"] = [new("x"), new("y")],
        ["x"] = [new("x")],
        ["xz"] = [new("x"), new("z")],
    };

    private static bool Evaluate(string rich, params string[] installed)
        => RichDependency.Parse(rich).IsSatisfied(d => installed.Where(p => Universe[p].Any(provide => Capability.Satisfies(provide, d))));

    [Theory]
    [InlineData("(a and b)", true, "a-1", "b")]
    [InlineData("(a and b)", false, "a-1")]
    [InlineData("(a or b)", true, "b")]
    [InlineData("(a or b)", false)]
    [InlineData("(a if b)", true)]
    [InlineData("(a if b)", false, "b")]
    [InlineData("(a if b)", true, "a-1", "b")]
    [InlineData("(a if b else c)", false)]
    [InlineData("(a if b else c)", true, "c")]
    [InlineData("(a unless b)", false)]
    [InlineData("(a unless b)", true, "a-1")]
    [InlineData("(a unless b)", true, "b")]
    [InlineData("(a unless b else c)", false, "b")]
    [InlineData("(a unless b else c)", true, "b", "c")]
    [InlineData("(a >= 2 with a < 3)", true, "a-2.5")]
    [InlineData("(a >= 2 with a < 3)", false, "a-1", "a-4")]
    [InlineData("(x without y)", false, "xy")]
    [InlineData("(x without y)", true, "xy", "x")]
    [InlineData("(x with (y or z))", true, "xz")]
    [InlineData("(x with (y or z))", false, "x")]
    [InlineData("((x with y) or (a = 1))", true, "a-1")]
    [InlineData("(b and ((a))) ", false, "b")]
    public void IsSatisfied_InstalledSet_FollowsRpmSemantics(string rich, bool expected, params string[] installed)
        => Assert.Equal(expected, Evaluate(rich, installed));
}
