namespace Basalt.Cli.Commands.Qemu;

/// <summary>
/// The exit codes of <c>basalt qemu</c> beyond <see cref="ExitCodes"/>: each way a boot can fail has its own, so a
/// script (or CI) can tell a hang from a panic from a guest that stopped too early. Without --expect, a qemu that
/// exits by itself passes its own status through.
/// </summary>
internal static class QemuExitCodes
{
    /// <summary>The timeout passed before the pattern appeared (or, without --expect, before qemu exited).</summary>
    public const int TimedOut = 3;

    /// <summary>The console showed "Kernel panic - not syncing".</summary>
    public const int KernelPanic = 4;

    /// <summary>qemu exited before the --expect pattern appeared.</summary>
    public const int ExitedBeforeMatch = 5;
}
