using Basalt.Packaging.Rich;

namespace Basalt.Packaging.Tests.Rich;

/// <summary>rpm's if/unless placement rule; every row was checked with rpmspec 4.18 (Requires and Conflicts lines).</summary>
public sealed class RichContextTests
{
    [Theory]
    [InlineData("(a if (b unless c))")]
    [InlineData("(a if (b if c))")]
    [InlineData("((a if b) if c)")]
    [InlineData("(a if b else (c if d))")]
    [InlineData("(a or (b and (c if d)))")]
    [InlineData("(a and (b or (c unless d)))")]
    [InlineData("((a if b))")]
    [InlineData("(a if (b and c))")]
    [InlineData("((a or b) if c)")]
    [InlineData("(a if (b and (c if d)))")]
    [InlineData("(a if (b unless (c if d)))")]
    [InlineData("(a or (b with c))")]
    public void Parse_AcceptedInRequires_Parses(string text)
        => Assert.Equal(text, RichDependency.Parse(text, RichContext.AllOf).ToString());

    [Theory]
    [InlineData("((a unless b) if c)")]
    [InlineData("(a if b else (c unless d))")]
    [InlineData("(a or (b and (c unless d)))")]
    [InlineData("(a unless (b if c))")]
    [InlineData("((a unless b))")]
    [InlineData("((a and b) unless c)")]
    [InlineData("(a if (b and (c unless d)))")]
    [InlineData("(a if ((b unless c) if d))")]
    [InlineData("(a and (b or (c if d)))")]
    [InlineData("((a if b) unless c)")]
    [InlineData("(a if (b or (c if d)))")]
    [InlineData("(a if ((b) or (c if d)))")]
    public void Parse_RejectedInRequires_Throws(string text)
    {
        Assert.Throws<FormatException>(() => RichDependency.Parse(text, RichContext.AllOf));
        Assert.Equal(text, RichDependency.Parse(text).ToString()); // the syntax alone is fine
    }

    [Theory]
    [InlineData("(a or (b and (c if d)))")]
    [InlineData("(a and (b or (c unless d)))")]
    [InlineData("(a unless (b if c))")]
    [InlineData("(a unless (b unless c))")]
    [InlineData("((a unless b) unless c)")]
    [InlineData("(a unless b else (c unless d))")]
    [InlineData("((a unless b))")]
    [InlineData("((a and b) unless c)")]
    [InlineData("(a unless (b or (c unless d)))")]
    public void Parse_AcceptedInConflicts_Parses(string text)
        => Assert.Equal(text, RichDependency.Parse(text, RichContext.AnyOf).ToString());

    [Theory]
    [InlineData("(a if b)")]
    [InlineData("(a if (b unless c))")]
    [InlineData("((a unless b) if c)")]
    [InlineData("(a and (b or (c if d)))")]
    [InlineData("((a if b) unless c)")]
    [InlineData("(a unless b else (c if d))")]
    [InlineData("((a if b))")]
    [InlineData("(a unless (b and (c unless d)))")]
    [InlineData("(a unless (b or (c if d)))")]
    public void Parse_RejectedInConflicts_Throws(string text)
        => Assert.Throws<FormatException>(() => RichDependency.Parse(text, RichContext.AnyOf));

    [Fact]
    public void Parse_MisplacedOperator_NamesItsOffset()
    {
        var ex = Assert.Throws<FormatException>(() => RichDependency.Parse("(a or (b and (c unless d)))", RichContext.AllOf));
        Assert.Equal("Rich dependency \"(a or (b and (c unless d)))\": 'unless' is not allowed in an 'and' context (rpm: use 'or' instead) at offset 16", ex.Message);
        ex = Assert.Throws<FormatException>(() => RichDependency.Parse("(x or (a if b))", RichContext.AnyOf));
        Assert.Equal("Rich dependency \"(x or (a if b))\": 'if' is not allowed in an 'or' context (rpm: use 'and' instead) at offset 9", ex.Message);
    }
}
