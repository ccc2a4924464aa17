using System.CommandLine;
using System.Runtime.InteropServices;

namespace Basalt.Cli;

/// <summary>Parses and invokes the command tree; parse errors are bad input (exit 2).</summary>
internal static class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, CliContext context, string[] args, CancellationToken cancellationToken = default)
    {
        var parseResult = root.Parse(args);
        // Help and parse errors go to the same writers as command output, so tests see them too. Termination signals are
        // ours to handle (below), not System.CommandLine's.
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error, ProcessTerminationTimeout = null };

        // Ctrl+C (SIGINT) and SIGTERM cancel the command's token instead of ending the process at once: a build then
        // removes its staging folder, qemu is stopped, no half-written file is left behind (exit 130).
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Interrupt(signal, interrupted));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Interrupt(signal, interrupted));
        var exitCode = await parseResult.InvokeAsync(configuration, interrupted.Token).ConfigureAwait(false);
        return parseResult.Errors.Count > 0 ? ExitCodes.BadInput : exitCode;
    }

    private static void Interrupt(PosixSignalContext signal, CancellationTokenSource interrupted)
    {
        signal.Cancel = true;
        interrupted.Cancel();
    }
}
