using Basalt.Packaging.Rich;
using Basalt.TestInfrastructure;

namespace Basalt.Packaging.Tests.Rich;

public sealed class RichDependencyParserTests
{
    private const string RichFixture = "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-rich-deps-1.0-1.noarch.rpm";

    [Fact]
    public void Parse_EveryRichDependencyOfFixture_RoundTrips()
    {
        var rpm = ExternalTool.Require("rpm", "rpm");
        var rich = new List<(string Text, RichContext Context)>();
        foreach (var tag in new[] { "requires", "provides", "conflicts", "obsoletes", "recommends", "suggests", "supplements", "enhances" })
        {
            var output = ExternalTool.Run(rpm, ["-qp", "--nosignature", "--nodigest", "--" + tag, Fixtures.Path(RichFixture)])
                .EnsureSuccess("rpm -qp --" + tag).StandardOutput;
            var context = tag is "conflicts" or "supplements" or "enhances" ? RichContext.AnyOf : RichContext.AllOf;
            rich.AddRange(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(d => d.StartsWith('(')).Select(d => (d, context)));
        }

        Assert.Equal(19, rich.Count);
        foreach (var (text, context) in rich)
        {
            var parsed = RichDependency.Parse(text, context);
            Assert.Equal(text, parsed.ToString());
            Assert.Equal(parsed, RichDependency.Parse(parsed.ToString()));
            Assert.True(new Dependency(text).IsRich);
        }
    }

    [Fact]
    public void Parse_NestedAndOr_BuildsTree()
    {
        var parsed = RichDependency.Parse("(a and (b or c >= 1.2))");
        var expected = new RichAnd([
            new RichSimple(new Dependency("a")),
            new RichOr([
                new RichSimple(new Dependency("b")),
                new RichSimple(new Dependency("c", DependencyFlags.Greater | DependencyFlags.Equal, "1.2")),
            ]),
        ]);
        Assert.Equal(expected, parsed);
        Assert.Equal(RichOperator.And, parsed.Kind);
        Assert.Equal(["a", "b", "c >= 1.2"], parsed.SimpleDependencies().Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_IfElse_BuildsThenConditionElse()
    {
        var parsed = Assert.IsType<RichIf>(RichDependency.Parse("(foo if bar else baz)"));
        Assert.Equal("foo", parsed.Then.ToString());
        Assert.Equal("bar", parsed.Condition.ToString());
        Assert.Equal("baz", parsed.Else?.ToString());
        var unless = Assert.IsType<RichUnless>(RichDependency.Parse("(a unless b else c)"));
        Assert.Equal("c", unless.Else?.ToString());
        Assert.Null(Assert.IsType<RichIf>(RichDependency.Parse("(a if b)")).Else);
        var without = Assert.IsType<RichWithout>(RichDependency.Parse("(a without b)"));
        Assert.Equal("b", without.Right.ToString());
    }

    // Each accepted by rpm 4.18's own parser (rpmspec), printed as rpmspec prints it.
    [Theory]
    [InlineData("(a with b with c)", "(a with b with c)")]
    [InlineData("(a with (b or c))", "(a with (b or c))")]
    [InlineData("((a or b) with c)", "((a or b) with c)")]
    [InlineData("(a with (b without c))", "(a with (b without c))")]
    [InlineData("(a with (b or (c with d)))", "(a with (b or (c with d)))")]
    [InlineData("(a)", "(a)")]
    [InlineData("((a))", "((a))")]
    [InlineData("(  a   and  b >=  1  )", "(a and b >= 1)")]
    [InlineData("(perl(Foo::Bar) >= 1 and b)", "(perl(Foo::Bar) >= 1 and b)")]
    [InlineData("(a == 1 or b =< 2 or c => 3)", "(a = 1 or b <= 2 or c >= 3)")]
    [InlineData("(a if (b if c))", "(a if (b if c))")]
    [InlineData("(a >= 1:2-3)", "(a >= 1:2-3)")]
    [InlineData("(a and and)", "(a and and)")]
    [InlineData("(a\tor\nb)", "(a or b)")]
    [InlineData("((a and b) or (c if d else (e unless f)))", "((a and b) or (c if d else (e unless f)))")]
    public void Parse_AcceptedByRpm_PrintsCanonically(string text, string canonical)
    {
        Assert.Equal(canonical, RichDependency.Parse(text).ToString());
        Assert.True(RichDependency.TryParse(text, out var parsed));
        Assert.Equal(canonical, parsed.ToString());
    }

    [Theory]
    [InlineData("(a and)", "expected a dependency at offset 6")]
    [InlineData("()", "expected a dependency at offset 1")]
    [InlineData("", "expected '(' at offset 0")]
    [InlineData("a and b", "expected '(' at offset 0")]
    [InlineData("(a and b", "expected an operator or ')' at offset 8")]
    [InlineData("(a and b or c)", "'or' cannot be mixed with 'and' at one level (add parentheses) at offset 9")]
    [InlineData("(a with b without c)", "'without' cannot be mixed with 'with' at one level (add parentheses) at offset 10")]
    [InlineData("(a without b without c)", "'without' cannot follow 'without' at one level (add parentheses) at offset 13")]
    [InlineData("(a if b if c)", "'if' cannot follow 'if' at one level (add parentheses) at offset 8")]
    [InlineData("(a if b else c else d)", "'else' is allowed only once, after 'if' or 'unless' at offset 15")]
    [InlineData("(a if b else c and d)", "'and' cannot follow 'if' at one level (add parentheses) at offset 15")]
    [InlineData("(a else b)", "'else' is allowed only once, after 'if' or 'unless' at offset 3")]
    [InlineData("(a or b else c)", "'else' is allowed only once, after 'if' or 'unless' at offset 8")]
    [InlineData("(a xor b)", "unknown operator 'xor', expected and, or, if, unless, else, with, without or ')' at offset 3")]
    [InlineData("(a AND b)", "unknown operator 'AND', expected and, or, if, unless, else, with, without or ')' at offset 3")]
    [InlineData("(a b)", "unknown operator 'b', expected and, or, if, unless, else, with, without or ')' at offset 3")]
    [InlineData("(a >= 1 2)", "unknown operator '2', expected and, or, if, unless, else, with, without or ')' at offset 8")]
    [InlineData("(a,b)", "expected an operator or ')' at offset 2")]
    [InlineData("(a > )", "expected a version after '>' at offset 5")]
    [InlineData("(a >=", "expected a version after '>=' at offset 5")]
    [InlineData("(a with (b and c))", "'and' is not allowed inside 'with' (only 'or', 'with' and 'without' are) at offset 11")]
    [InlineData("((a if b) with c)", "'if' is not allowed inside 'with' (only 'or', 'with' and 'without' are) at offset 4")]
    [InlineData("(a without (b or (c unless d)))", "'unless' is not allowed inside 'without' (only 'or', 'with' and 'without' are) at offset 20")]
    [InlineData("(a and b)c", "unexpected text after the closing ')' at offset 9")]
    [InlineData("(a and b) ", "")]
    [InlineData("(a or (b)", "expected an operator or ')' at offset 9")]
    public void Parse_Malformed_ThrowsWithOffset(string text, string expected)
    {
        if (expected.Length == 0)
        {
            // Trailing whitespace is tolerated, as rpm's parser skips it.
            Assert.Equal("(a and b)", RichDependency.Parse(text).ToString());
            return;
        }

        var ex = Assert.Throws<FormatException>(() => RichDependency.Parse(text));
        Assert.Equal($"Rich dependency \"{text}\": {expected}", ex.Message);
        Assert.False(RichDependency.TryParse(text, out var parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void Parse_TooDeep_ThrowsInsteadOfOverflowing()
    {
        string text = new string('(', 100_000) + "a" + new string(')', 100_000);
        var ex = Assert.Throws<FormatException>(() => RichDependency.Parse(text));
        Assert.EndsWith($"parentheses nested deeper than {RichDependency.MaxDepth} at offset {RichDependency.MaxDepth}", ex.Message, StringComparison.Ordinal);
        string ok = new string('(', RichDependency.MaxDepth) + "a" + new string(')', RichDependency.MaxDepth);
        Assert.Equal(ok, RichDependency.Parse(ok).ToString());
    }

    [Fact]
    public void Equals_DifferentChainKinds_AreNotEqual()
    {
        Assert.NotEqual(RichDependency.Parse("(a and b)"), RichDependency.Parse("(a or b)"));
        Assert.Equal(RichDependency.Parse("(a and b)").GetHashCode(), RichDependency.Parse("( a  and b )").GetHashCode());
    }
}
