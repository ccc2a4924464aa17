using System.Globalization;
using System.Text;

namespace Basalt.Compose.Machines;

/// <summary>
/// Builds qemu-system-x86_64's arguments. Always TCG (KVM hangs on these hosts), no network, no reboot (a guest
/// reboot ends the run), no display with the serial console on stdio. The disk is a virtio drive with
/// <c>snapshot=on</c>: guest writes go to a temporary overlay, never to the image.
/// </summary>
public static class QemuCommandLine
{
    public const string CodeFileName = "OVMF_CODE_4M.fd";
    public const string SecureBootCodeFileName = "OVMF_CODE_4M.secboot.fd";
    public const string VarsFileName = "OVMF_VARS_4M.fd";

    public static IReadOnlyList<string> Build(QemuOptions options, string imageFormat, BootFiles? boot, string? varsCopy)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = new List<string> { "-accel", "tcg", "-nic", "none", "-no-reboot", "-nographic" };
        args.AddRange(["-machine", options.Firmware == FirmwareMode.SecureBoot ? "q35,smm=on" : "q35"]);
        // TCG's default CPU model lacks SSE4.2 and friends: drivers a real machine loads (crc32c_intel, pulled in by
        // erofs through libcrc32c) refuse it with ENODEV. "max" is every feature TCG emulates.
        args.AddRange(["-cpu", "max"]);
        args.AddRange(["-m", options.MemoryMiB.ToString(CultureInfo.InvariantCulture)]);
        switch (options.Firmware)
        {
            case FirmwareMode.DirectKernel:
                ArgumentNullException.ThrowIfNull(boot);
                args.AddRange(["-kernel", boot.KernelPath]);
                if (boot.InitrdPath is not null)
                {
                    args.AddRange(["-initrd", boot.InitrdPath]);
                }

                args.AddRange(["-append", boot.CommandLine]);
                break;
            default:
                ArgumentNullException.ThrowIfNull(varsCopy);
                if (options.Firmware == FirmwareMode.SecureBoot)
                {
                    // The secure flash only accepts writes from SMM, which is what makes the enrolled keys binding (OVMF README).
                    args.AddRange(["-global", "driver=cfi.pflash01,property=secure,value=on"]);
                }

                var code = Path.Combine(options.FirmwareDirectory, options.Firmware == FirmwareMode.SecureBoot ? SecureBootCodeFileName : CodeFileName);
                args.AddRange(["-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={Escape(code)}"]);
                args.AddRange(["-drive", $"if=pflash,format=raw,unit=1,file={Escape(varsCopy)}"]);
                break;
        }

        args.AddRange(["-drive", $"if=virtio,format={imageFormat},snapshot=on,file={Escape(Path.GetFullPath(options.ImagePath))}"]);
        return args;
    }

    /// <summary>One line a POSIX shell runs as-is: arguments with anything but safe characters are single-quoted.</summary>
    public static string Format(string executable, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = new StringBuilder(Quote(executable));
        foreach (var argument in arguments)
        {
            builder.Append(' ').Append(Quote(argument));
        }

        return builder.ToString();
    }

    private static string Quote(string value)
        => value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=,:+@%".Contains(c, StringComparison.Ordinal))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // Inside a -drive option list a comma separates options; a literal comma in a file name is written twice.
    private static string Escape(string path) => path.Replace(",", ",,", StringComparison.Ordinal);
}
