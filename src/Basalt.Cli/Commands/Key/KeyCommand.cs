using System.CommandLine;

namespace Basalt.Cli.Commands.Key;

/// <summary><c>basalt key …</c>: signing keys for provenance, SHA256SUMS and (later) release metadata.</summary>
internal static class KeyCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("key", "Create signing keys.");
        // One line per subcommand; each lives in its own file in this folder.
        command.Subcommands.Add(KeyGenerateCommand.Create(context));
        return command;
    }
}
