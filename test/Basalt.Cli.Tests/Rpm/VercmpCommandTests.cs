using System.Text;
using Basalt.Cli.Commands.Rpm;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Rpm;

public sealed class VercmpCommandTests
{
    [Theory]
    [InlineData("1.0", "2.0", "-1")]
    [InlineData("2.0", "1.0", "1")]
    [InlineData("1.0-1", "1.0-1", "0")]
    [InlineData("1:1.0", "2.0", "1")]
    [InlineData("0:1.0-1", "1.0-1", "0")]
    [InlineData("1.0~rc1", "1.0", "-1")]
    [InlineData("1.0^git1", "1.0", "1")]
    [InlineData("1.0", "1.0-1", "-1")]
    public void Run_TwoEvrs_PrintsRpmOrder(string a, string b, string expected)
    {
        var result = Cli.Run("rpm", "vercmp", a, b);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(expected + "\n", result.StandardOutput);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public void Run_OneArgument_ExitsBadInputWithMessage()
    {
        var result = Cli.Run("rpm", "vercmp", "1.0");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("basalt: error: vercmp: expected two EVRs A and B (or --stdin).\n", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void Run_StdinWithArguments_ExitsBadInput()
    {
        var result = Cli.Run("rpm", "vercmp", "--stdin", "1.0");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("not both", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EpochTooLarge_ExitsBadInput()
    {
        var result = Cli.Run("rpm", "vercmp", "99999999999:1", "1");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("epoch \"99999999999\" does not fit", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareLinesAsync_Pairs_PrintsOneResultPerLine()
    {
        var output = new StringWriter { NewLine = "\n" };
        await VercmpCommand.CompareLinesAsync(new StringReader("1.0 2.0\n  2.0\t\t1.0  \n1:1 1:1\n"), output, CancellationToken.None);
        Assert.Equal("-1\n1\n0\n", output.ToString());
    }

    [Theory]
    [InlineData("1.0 2.0\n1.0\n", 2, 1)]
    [InlineData("1 2 3\n", 1, 3)]
    [InlineData("1 1\n2 2\n\n3 3\n", 3, 0)]
    public async Task CompareLinesAsync_LineWithoutTwoFields_ThrowsNamingTheLine(string input, int line, int fields)
    {
        var output = new StringWriter { NewLine = "\n" };
        var ex = await Assert.ThrowsAsync<InvalidDataException>(
            () => VercmpCommand.CompareLinesAsync(new StringReader(input), output, CancellationToken.None));
        Assert.StartsWith($"vercmp: standard input line {line}: expected two whitespace-separated EVRs, found {fields} field(s)", ex.Message, StringComparison.Ordinal);
        // The lines before the bad one are answered.
        Assert.Equal(line - 1, output.ToString().Count(c => c == '\n'));
    }

    [Fact]
    public void Main_StdinThroughRealProcess_PrintsResultsAndFailsOnBadLine()
    {
        var dotnet = ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
        var basalt = Path.Combine(AppContext.BaseDirectory, "basalt.dll");
        var ok = ExternalTool.Run(dotnet, [basalt, "rpm", "vercmp", "--stdin"], stdin: Encoding.UTF8.GetBytes("1.0 1.1\n2:0 1:9\n1.0-1 1.0-1\n"));
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("-1\n1\n0\n", ok.StandardOutput);

        var bad = ExternalTool.Run(dotnet, [basalt, "rpm", "vercmp", "--stdin"], stdin: Encoding.UTF8.GetBytes("1.0 1.1\nonly-one\n"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("-1\n", bad.StandardOutput);
        Assert.Contains("standard input line 2", bad.StandardError, StringComparison.Ordinal);
    }
}
