using System.CommandLine;

namespace Basalt.Cli.Commands.Rpm;

/// <summary><c>basalt rpm …</c>: read, query, extract, verify and build RPM packages.</summary>
internal static class RpmCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("rpm", "Read, query, extract, verify and build RPM packages.");
        // One line per subcommand; each lives in its own file in this folder.
        command.Subcommands.Add(InfoCommand.Create(context));
        command.Subcommands.Add(FilesCommand.Create(context));
        command.Subcommands.Add(DepsCommand.Create(context));
        command.Subcommands.Add(QueryCommand.Create(context));
        command.Subcommands.Add(BuildCommand.Create(context));
        command.Subcommands.Add(ExtractCommand.Create(context));
        command.Subcommands.Add(VerifyCommand.Create(context));
        command.Subcommands.Add(VercmpCommand.Create(context));
        return command;
    }
}
