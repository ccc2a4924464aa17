using System.CommandLine;
using Basalt.Cli.Commands;

namespace Basalt.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var context = CliContext.ForConsole();
        return await CommandRunner.InvokeAsync(BasaltRootCommand.Create(context), context, args).ConfigureAwait(false);
    }
}
