using System.Text.Json.Nodes;
using Basalt.TestInfrastructure;
using Basalt.Trust.Sbom;

namespace Basalt.Trust.Tests.Sbom;

public sealed class LicenseExpressionTests
{
    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("mit", "MIT")]
    [InlineData("GPL-2.0-or-later WITH Classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0")]
    [InlineData("(MIT OR Apache-2.0) AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause")]
    [InlineData("( MIT  OR apache-2.0 )  AND bsd-3-clause", "(MIT OR Apache-2.0) AND BSD-3-Clause")]
    [InlineData("MIT and ISC", "MIT AND ISC")]
    [InlineData("GPL-2.0+", "GPL-2.0+")]
    [InlineData("LGPL-2.1+ OR MIT", "LGPL-2.1+ OR MIT")]
    [InlineData("Apache-2.0+", "Apache-2.0+")]
    [InlineData("LicenseRef-Fedora-Public-Domain", "LicenseRef-Fedora-Public-Domain")]
    [InlineData("DocumentRef-other:LicenseRef-x.1", "DocumentRef-other:LicenseRef-x.1")]
    [InlineData("((MIT))", "((MIT))")]
    public void TryNormalize_ValidExpression_ReturnsNormalForm(string license, string expected)
    {
        Assert.True(LicenseExpression.TryNormalize(license, out var expression));
        Assert.Equal(expected, expression);
    }

    [Theory]
    [InlineData("GPLv2+")]
    [InlineData("BSD and GPLv2")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("MIT AND")]
    [InlineData("AND MIT")]
    [InlineData("(MIT")]
    [InlineData("MIT)")]
    [InlineData("()")]
    [InlineData("MIT WITH MIT")]
    [InlineData("Classpath-exception-2.0")]
    [InlineData("MIT WITH")]
    [InlineData("MIT Apache-2.0")]
    [InlineData("MIT And Apache-2.0")]
    [InlineData("LicenseRef-")]
    [InlineData("LicenseRef-a_b")]
    [InlineData("Public Domain")]
    public void TryNormalize_NotAnExpression_ReturnsFalse(string license)
    {
        Assert.False(LicenseExpression.TryNormalize(license, out var expression));
        Assert.Equal(string.Empty, expression);
    }

    [Fact]
    public void TryNormalize_DeepNesting_RefusedWithoutStackOverflow()
    {
        var deep = new string('(', 100_000) + "MIT" + new string(')', 100_000);

        Assert.False(LicenseExpression.TryNormalize(deep, out _));
        Assert.True(LicenseExpression.TryNormalize(new string('(', 60) + "MIT" + new string(')', 60), out _));
    }

    [Fact]
    public void TryNormalize_OverLengthCap_RefusedBeforeParsing()
    {
        var longest = string.Join(" OR ", Enumerable.Repeat("MIT", 1170));

        Assert.Equal(8186, longest.Length);
        Assert.True(LicenseExpression.TryNormalize(longest, out _));
        Assert.False(LicenseExpression.TryNormalize(longest + " OR MIT", out _));
    }

    [Fact]
    public void SpdxLicenseIds_MatchTheCycloneDxSchemaEnum()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Fixtures.Path("sbom/cyclonedx-specification/schema/spdx.schema.json")))!;
        var expected = schema["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();

        var ours = SpdxLicenseIds.Licenses.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Concat(SpdxLicenseIds.Exceptions.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(expected, ours);
        Assert.EndsWith(SpdxLicenseIds.ListVersion, schema["$comment"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GPLv2+", "GPLv2-plus")]
    [InlineData("BSD and GPLv2", "BSD-and-GPLv2")]
    [InlineData("  GPL+ or Artistic  ", "GPL-plus-or-Artistic")]
    [InlineData("Copyright only (see README)", "Copyright-only-see-README")]
    [InlineData("©", "unnamed")]
    public void Sanitize_FreeText_LicenseRefIdString(string text, string expected)
    {
        Assert.Equal(expected, SbomLicenses.Sanitize(text));
    }

    [Fact]
    public void SbomLicenses_TwoTextsSameSanitizedId_BothGetHashSuffix()
    {
        var licenses = new SbomLicenses(["GPL v2", "GPL/v2", "GPLv2+", "MIT", null, ""]);

        Assert.Equal("MIT", licenses.Expression("MIT"));
        Assert.Equal("LicenseRef-GPLv2-plus", licenses.Expression("GPLv2+"));
        Assert.Null(licenses.Expression(""));
        Assert.Null(licenses.Expression(null));
        var a = licenses.Expression("GPL v2");
        var b = licenses.Expression("GPL/v2");
        Assert.NotEqual(a, b);
        Assert.Matches("^LicenseRef-GPL-v2-[0-9a-f]{8}$", a);
        Assert.Matches("^LicenseRef-GPL-v2-[0-9a-f]{8}$", b);
        Assert.Equal(3, licenses.Extracted.Count);
    }
}
