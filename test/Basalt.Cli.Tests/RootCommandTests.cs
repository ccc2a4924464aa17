namespace Basalt.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public void Run_UnknownCommand_ExitsWithBadInput()
    {
        var result = Cli.Run("no-such-command");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
    }

    [Theory]
    [InlineData("rpm")]
    [InlineData("mkfs")]
    [InlineData("verity")]
    [InlineData("disk")]
    public void Run_Help_ListsCommandGroup(string group)
    {
        var result = Cli.Run("--help");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains(group, result.StandardOutput, StringComparison.Ordinal);
    }
}
