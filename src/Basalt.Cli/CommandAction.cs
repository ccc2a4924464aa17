using System.CommandLine;
using System.Security.Cryptography;
using Basalt;

namespace Basalt.Cli;

/// <summary>
/// Wraps every command's work so bad input becomes one clear line on stderr and an exit code, never
/// a stack trace, and Ctrl+C becomes <see cref="ExitCodes.Cancelled"/>.
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await action(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync("basalt: cancelled").ConfigureAwait(false);
                return ExitCodes.Cancelled;
            }
            catch (Exception exception) when (IsUserError(exception))
            {
                await context.Error.WriteLineAsync($"basalt: error: {exception.Message}").ConfigureAwait(false);
                return exception is BasaltException basalt ? basalt.ExitCode : ExitCodes.BadInput;
            }
        });
    }

    public static void Set(Command command, CliContext context, Func<ParseResult, int> action)
        => Set(command, context, (parseResult, _) => Task.FromResult(action(parseResult)));

    /// <summary>Errors caused by what the user gave us, as opposed to bugs in Basalt.</summary>
    private static bool IsUserError(Exception exception) => exception is
        BasaltException or InvalidDataException or IOException or UnauthorizedAccessException or FormatException
        or CryptographicException or ArgumentException or NotSupportedException;
}
