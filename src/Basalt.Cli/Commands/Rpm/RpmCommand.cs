using System.CommandLine;

namespace Basalt.Cli.Commands.Rpm;

/// <summary><c>basalt rpm …</c>: read, query, extract, verify and build RPM packages.</summary>
internal static class RpmCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("rpm", "Read, query, extract, verify and build RPM packages.");
        // One line per subcommand; each lives in its own file in this folder.
        return command;
    }
}
