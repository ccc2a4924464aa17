namespace Basalt.Compose.Machines;

/// <summary>How a run ended.</summary>
public enum MachineOutcome
{
    /// <summary>The expected pattern appeared on the console (qemu was then stopped).</summary>
    Matched,

    /// <summary>No pattern was expected and qemu exited by itself (see the exit code).</summary>
    Exited,

    /// <summary>A pattern was expected, but qemu exited before it appeared.</summary>
    ExitedBeforeMatch,

    /// <summary>The kernel panicked (qemu was then stopped).</summary>
    KernelPanic,

    /// <summary>The timeout passed first (qemu was then stopped).</summary>
    TimedOut,
}

public sealed record MachineRunResult(MachineOutcome Outcome, int? QemuExitCode, TimeSpan Elapsed, string? ConsoleLine);
