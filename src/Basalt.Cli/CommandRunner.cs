using System.CommandLine;

namespace Basalt.Cli;

/// <summary>Parses and invokes the command tree; parse errors are bad input (exit 2).</summary>
internal static class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, CliContext context, string[] args, CancellationToken cancellationToken = default)
    {
        var parseResult = root.Parse(args);
        // Help and parse errors go to the same writers as command output, so tests see them too.
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        return parseResult.Errors.Count > 0 ? ExitCodes.BadInput : exitCode;
    }
}
