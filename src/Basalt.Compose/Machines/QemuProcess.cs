using System.Diagnostics;
using System.Text;

namespace Basalt.Compose.Machines;

/// <summary>
/// Runs qemu with the console streamed live to a sink and fed to a <see cref="ConsoleWatcher"/>; stops it (the whole
/// process tree) on a console event, the timeout or cancellation. Standard input is closed: the console is
/// output-only, so qemu never puts a terminal into raw mode and Ctrl+C stays with the user.
/// </summary>
internal static class QemuProcess
{
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    public static async Task<MachineRunResult> RunAsync(string executable, IReadOnlyList<string> arguments, ConsoleWatcher watcher,
        TimeSpan timeout, Stream console, TextWriter diagnostics, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new IOException($"Could not start '{executable}'.");
        process.StandardInput.Close();
        var decided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdout = PumpConsoleAsync(process.StandardOutput.BaseStream, console, watcher, decided);
        var stderr = PumpErrorsAsync(process.StandardError, diagnostics);
        // The timer and Ctrl+C complete a task whose continuations run on the thread pool, never inline in the
        // cancellation callback: stopping qemu there would block the signal handler that raised it.
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = new CancellationTokenSource(timeout);
        bool timedOut;
        using (timer.Token.Register(() => stop.TrySetResult()))
        using (cancellationToken.Register(() => stop.TrySetResult()))
        {
            var first = await Task.WhenAny(stdout, decided.Task, stop.Task).ConfigureAwait(false);
            timedOut = first == stop.Task && !cancellationToken.IsCancellationRequested;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(DrainTime, CancellationToken.None)).ConfigureAwait(false);
        stopwatch.Stop();
        cancellationToken.ThrowIfCancellationRequested();

        var outcome = watcher.Event switch
        {
            ConsoleEvent.Matched => MachineOutcome.Matched,
            ConsoleEvent.KernelPanic => MachineOutcome.KernelPanic,
            _ when timedOut => MachineOutcome.TimedOut,
            _ when watcher.IsExpecting => MachineOutcome.ExitedBeforeMatch,
            _ => MachineOutcome.Exited,
        };
        var exited = outcome is MachineOutcome.Exited or MachineOutcome.ExitedBeforeMatch;
        return new MachineRunResult(outcome, exited ? process.ExitCode : null, stopwatch.Elapsed, watcher.EventLine);
    }

    private static async Task PumpConsoleAsync(Stream output, Stream console, ConsoleWatcher watcher, TaskCompletionSource decided)
    {
        var buffer = new byte[4096];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        var decoder = Encoding.UTF8.GetDecoder();
        int read;
        while ((read = await output.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await console.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            await console.FlushAsync().ConfigureAwait(false);
            var count = decoder.GetChars(buffer, 0, read, chars, 0);
            if (watcher.Event == ConsoleEvent.None && watcher.Feed(chars.AsSpan(0, count)) != ConsoleEvent.None)
            {
                decided.TrySetResult();
            }
        }
    }

    private static async Task PumpErrorsAsync(StreamReader errors, TextWriter diagnostics)
    {
        while (await errors.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await diagnostics.WriteLineAsync(line).ConfigureAwait(false);
        }
    }
}
