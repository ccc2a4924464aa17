using System.Text.RegularExpressions;

namespace Basalt.Compose.Machines;

/// <summary>How the machine starts: the kernel straight from the ESP, or through OVMF firmware (with Secure Boot enforced).</summary>
public enum FirmwareMode
{
    DirectKernel,
    Uefi,
    SecureBoot,
}

/// <summary>What <c>basalt qemu</c> was asked to do.</summary>
public sealed record QemuOptions
{
    public required string ImagePath { get; init; }

    public FirmwareMode Firmware { get; init; } = FirmwareMode.DirectKernel;

    /// <summary>The UEFI variable store to start from (copied, never written); required for Secure Boot.</summary>
    public string? VarsTemplate { get; init; }

    public int MemoryMiB { get; init; } = 1024;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Stop with success as soon as a console line matches.</summary>
    public Regex? Expect { get; init; }

    public string QemuExecutable { get; init; } = "qemu-system-x86_64";

    /// <summary>Where the ovmf package puts its firmware (Debian: /usr/share/OVMF).</summary>
    public string FirmwareDirectory { get; init; } = "/usr/share/OVMF";
}
