using Basalt.Imaging.Tree;

namespace Basalt.Compose.Boot;

/// <summary>
/// What the boot stage made from the installed tree: the kernel, the initrd, and the EFI binaries the ESP needs. The UKI
/// itself is assembled when the usr root hash (and so the command line) is known, by <see cref="EspBoot"/>.
/// </summary>
public sealed record BootAssets
{
    /// <summary>The kernel release, the name of its /usr/lib/modules directory (<c>uname -r</c>).</summary>
    public required string KernelVersion { get; init; }

    public required FileContent Kernel { get; init; }

    /// <summary>The compressed cpio initrd.</summary>
    public required byte[] Initrd { get; init; }

    /// <summary>Paths in the initrd (files, links and directories), for the report.</summary>
    public required int InitrdEntries { get; init; }

    /// <summary>Modules /init loads, dependencies first.</summary>
    public required IReadOnlyList<string> Modules { get; init; }

    /// <summary>systemd's EFI stub when the definition asks for a UKI; null for type #1 entries.</summary>
    public FileContent? Stub { get; init; }

    public required FileContent Loader { get; init; }
}
