using System.CommandLine;

namespace Basalt.Cli.Commands.Verity;

/// <summary><c>basalt verity …</c>: Format and verify dm-verity hash trees.</summary>
internal static class VerityCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("verity", "Format and verify dm-verity hash trees.");
        // One line per subcommand; each lives in its own file in this folder.
        command.Subcommands.Add(VerityFormatCommand.Create(context));
        command.Subcommands.Add(VerityVerifyCommand.Create(context));
        return command;
    }
}
