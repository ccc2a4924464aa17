using System.Text;
using Basalt.Rpm.Format;
using Basalt.Rpm.Query;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Query;

public sealed class RpmQueryFormatterTests
{
    private static readonly string Hello = "rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64.rpm";

    private static string Render(string format, string package = "rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64.rpm") =>
        Encoding.UTF8.GetString(RpmQueryFormatter.Compile(format).Render(RpmPackageHeaders.Read(Fixtures.Path(package))));

    /// <summary>Malformed formats fail with rpm's own message (rpm prints "error: incorrect format: MESSAGE") and the offset.</summary>
    [Theory]
    [InlineData("%{NAME", "missing } after %{", 1)]
    [InlineData("%NAME", "invalid field width", 1)]
    [InlineData("x%", "missing { after %", 1)]
    [InlineData("%{}", "empty tag name", 2)]
    [InlineData("%{NAME:}", "empty tag format", 6)]
    [InlineData("%{NAME:bogus}", "unknown tag: \"NAME\"", 2)]
    [InlineData("%{BOGUS}", "unknown tag: \"BOGUS\"", 2)]
    [InlineData("a]", "unexpected ]", 1)]
    [InlineData("a}", "unexpected }", 1)]
    [InlineData("[%{NAME}", "] expected at end of array", 0)]
    [InlineData("%|NAME{a}|", "? expected in expression", 2)]
    [InlineData("%|NAME?a|", "{ expected after ? in expression", 7)]
    [InlineData("%|NAME?{a}", "} expected in expression", 10)]
    [InlineData("%|NAME?{a}x|", ": expected following ? subexpression", 10)]
    [InlineData("%|NAME?{a}:b|", "{ expected after : in expression", 11)]
    [InlineData("%|NAME?{a}:{b}x", "| expected at end of expression", 14)]
    [InlineData("tail\\", "escaped char expected after \\", 4)]
    [InlineData("%%{NAME}", "unexpected }", 7)]
    public void Compile_MalformedFormat_ThrowsRpmMessageWithOffset(string format, string message, int offset)
    {
        var error = Assert.Throws<FormatException>(() => RpmQueryFormatter.Compile(format));

        Assert.Equal($"Query format: {message} at offset {offset}.", error.Message);
    }

    [Theory]
    [InlineData("%{NAME", "missing } after %{")]
    [InlineData("%{NAME:bogus}", "unknown tag: \"NAME\"")]
    [InlineData("%|NAME?{a}x|", ": expected following ? subexpression")]
    [InlineData("[%{NAME}", "] expected at end of array")]
    public void Compile_MalformedFormat_MessageIsRpms(string format, string message)
    {
        ExternalTool.Require("rpm", "rpm");
        var rpm = ExternalTool.Run("rpm", ["-qp", "--nosignature", "--nodigest", "--qf", format, Fixtures.Path(Hello)]);

        Assert.Contains($"error: incorrect format: {message}\n", rpm.StandardError, StringComparison.Ordinal);
        Assert.Contains(message, Assert.Throws<FormatException>(() => RpmQueryFormatter.Compile(format)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%-8{NAME}|", "hello   |")]
    [InlineData("%8{NAME}|", "   hello|")]
    [InlineData("%08{NAME}|", "   hello|")]
    [InlineData("%2{NAME}|", "hello|")]
    [InlineData("%5-3{NAME}", "%5-3s")]
    [InlineData("100%%", "100%")]
    [InlineData("\\101\\x41\\q", "101x41q")]
    [InlineData("%{name}%{RPMTAG_NAME}%{N}", "hellohellohello")]
    [InlineData("%{R}", "1")]
    [InlineData("%{EPOCH}|%{EPOCHNUM}|%|EPOCH?{e}:{no epoch}|", "(none)|0|no epoch")]
    [InlineData("%{#FILENAMES} %{FILENAMES}", "5 /usr/bin/hello")]
    [InlineData("[%{=NAME}:%{FILEMODES:octal} ]", "hello:100751 hello:40755 hello:100644 hello:100644 hello:100644 ")]
    public void Render_Hello_PrintsAsRpm(string format, string expected)
    {
        Assert.Equal(expected, Render(format));
    }

    [Fact]
    public void Render_DifferentSizedArrays_ThrowsInvalidData()
    {
        var error = Assert.Throws<InvalidDataException>(() => Render("[%{NAME} %{FILENAMES}]"));

        Assert.Contains("array iterator used with different sized arrays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_HugeWidth_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => RpmQueryFormatter.Compile("%99999999999{NAME}"));

        Assert.Contains("field width", error.Message, StringComparison.Ordinal);
    }
}
