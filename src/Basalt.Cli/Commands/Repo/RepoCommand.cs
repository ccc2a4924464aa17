using System.CommandLine;

namespace Basalt.Cli.Commands.Repo;

/// <summary><c>basalt repo …</c>: write and inspect rpm-md repositories.</summary>
internal static class RepoCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("repo", "Write and inspect rpm-md package repositories.");
        // One line per subcommand; each lives in its own file in this folder.
        command.Subcommands.Add(RepoIndexCommand.Create(context));
        command.Subcommands.Add(RepoInfoCommand.Create(context));
        return command;
    }
}
