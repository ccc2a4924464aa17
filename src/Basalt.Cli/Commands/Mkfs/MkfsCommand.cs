using System.CommandLine;

namespace Basalt.Cli.Commands.Mkfs;

/// <summary><c>basalt mkfs …</c>: Write filesystem images (EROFS, FAT) from a directory.</summary>
internal static class MkfsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("mkfs", "Write filesystem images (EROFS, FAT) from a directory.");
        // One line per subcommand; each lives in its own file in this folder.
        command.Subcommands.Add(MkfsFatCommand.Create(context));
        command.Subcommands.Add(MkfsErofsCommand.Create(context));
        return command;
    }
}
