using System.CommandLine;

namespace Basalt.Cli.Commands.Disk;

/// <summary><c>basalt disk …</c>: Inspect disk images (raw, VHD, qcow2, COSI).</summary>
internal static class DiskCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("disk", "Inspect disk images (raw, VHD, qcow2, COSI).");
        // One line per subcommand; each lives in its own file in this folder.
        command.Subcommands.Add(DiskInfoCommand.Create(context));
        return command;
    }
}
