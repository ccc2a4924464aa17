using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Basalt.Compose.Machines;

namespace Basalt.Cli.Commands.Qemu;

/// <summary>
/// <c>basalt qemu IMAGE [--uefi] [--secure-boot --vars FILE] [--expect REGEX] [--timeout SECONDS] [--memory MIB] [--print-command]</c>:
/// boots a disk image under qemu (TCG, no network, image never written) with the serial console on stdout.
/// </summary>
internal static class QemuCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Argument<string>("IMAGE") { Description = "A raw, VHD (fixed) or qcow2 disk image with a GPT and an EFI System Partition." };
        var uefi = new Option<bool>("--uefi") { Description = "Boot through OVMF firmware instead of loading the kernel from the ESP directly." };
        var secureBoot = new Option<bool>("--secure-boot") { Description = "Boot through OVMF with Secure Boot enforced (needs --vars with enrolled keys)." };
        var vars = new Option<string?>("--vars") { Description = "UEFI variable store to start from (copied, never written), e.g. /usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd.", HelpName = "FILE" };
        var expect = new Option<string?>("--expect") { Description = "Succeed (and stop qemu) as soon as a console line matches this .NET regular expression.", HelpName = "REGEX" };
        var timeout = new Option<int>("--timeout") { Description = "Stop qemu after this many seconds.", DefaultValueFactory = _ => 120, HelpName = "SECONDS" };
        var memory = new Option<int>("--memory") { Description = "Guest memory in MiB.", DefaultValueFactory = _ => 1024, HelpName = "MIB" };
        var printCommand = new Option<bool>("--print-command") { Description = "Print the qemu command line and exit without booting." };
        var command = new Command("qemu", "Boot a disk image in qemu (TCG) with its serial console on stdout.")
        {
            image, uefi, secureBoot, vars, expect, timeout, memory, printCommand,
        };
        CommandAction.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var options = Options(parseResult.GetValue(image)!, parseResult.GetValue(uefi), parseResult.GetValue(secureBoot), parseResult.GetValue(vars),
                parseResult.GetValue(expect), parseResult.GetValue(timeout), parseResult.GetValue(memory));
            using var machine = QemuMachine.Prepare(options);
            if (machine.Plan is { } plan && !plan.CommandLine.Contains("console=", StringComparison.Ordinal))
            {
                await context.Error.WriteLineAsync($"basalt: note: the command line of '{plan.Entry.Path}' has no console= argument; the serial console may stay silent.").ConfigureAwait(false);
            }

            if (parseResult.GetValue(printCommand))
            {
                await context.Out.WriteLineAsync(machine.CommandLine).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            MachineRunResult result;
            try
            {
                // Ctrl+C and SIGTERM cancel the token (CommandRunner): qemu is stopped and the temporary files removed.
                result = await machine.RunAsync(context.StandardOutput, context.Error, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync("\nbasalt: cancelled; qemu stopped").ConfigureAwait(false);
                return ExitCodes.Cancelled;
            }

            return await ReportAsync(context, options, result).ConfigureAwait(false);
        });
        return command;
    }

    private static QemuOptions Options(string image, bool uefi, bool secureBoot, string? vars, string? expect, int timeout, int memory)
    {
        if (vars is not null && !uefi && !secureBoot)
        {
            throw new ArgumentException("--vars needs --uefi or --secure-boot: a direct kernel boot has no UEFI variables.");
        }

        if (timeout <= 0 || memory < 64)
        {
            throw new ArgumentException($"--timeout must be positive (got {timeout}) and --memory at least 64 MiB (got {memory}).");
        }

        return new QemuOptions
        {
            ImagePath = image,
            Firmware = secureBoot ? FirmwareMode.SecureBoot : uefi ? FirmwareMode.Uefi : FirmwareMode.DirectKernel,
            VarsTemplate = vars,
            Expect = expect is null ? null : new Regex(expect, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
            Timeout = TimeSpan.FromSeconds(timeout),
            MemoryMiB = memory,
        };
    }

    private static async Task<int> ReportAsync(CliContext context, QemuOptions options, MachineRunResult result)
    {
        var seconds = result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var (message, code) = result.Outcome switch
        {
            MachineOutcome.Matched => ($"matched '{options.Expect}' after {seconds} s", ExitCodes.Success),
            MachineOutcome.Exited => ($"qemu exited with status {result.QemuExitCode} after {seconds} s", result.QemuExitCode ?? ExitCodes.Failure),
            MachineOutcome.ExitedBeforeMatch => ($"qemu exited with status {result.QemuExitCode} after {seconds} s before '{options.Expect}' appeared", QemuExitCodes.ExitedBeforeMatch),
            MachineOutcome.KernelPanic => ($"kernel panic after {seconds} s: {result.ConsoleLine}", QemuExitCodes.KernelPanic),
            _ => ($"timed out after {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s{(options.Expect is null ? "" : $" waiting for '{options.Expect}'")}", QemuExitCodes.TimedOut),
        };
        await context.Error.WriteLineAsync("\nbasalt: " + message).ConfigureAwait(false);
        return code;
    }
}
