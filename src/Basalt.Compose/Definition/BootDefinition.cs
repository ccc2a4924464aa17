using Basalt.Compose.Boot.Initrd;

namespace Basalt.Compose.Definition;

/// <summary>
/// <c>boot:</c> — how the image boots (docs/boot.md): the kernel package, the initrd Basalt writes, and whether the ESP gets
/// a Unified Kernel Image (booted by systemd-boot) or Boot Loader Specification type #1 entries.
/// </summary>
public sealed record BootDefinition
{
    /// <summary>The package whose files hold /usr/lib/modules/VERSION/vmlinuz; installed even when packages.install omits it.</summary>
    public required string Kernel { get; init; }

    /// <summary>True (default): one UKI under EFI/Linux/ made from <see cref="Stub"/>; false: type #1 entries with kernel and initrd.</summary>
    public bool Uki { get; init; } = true;

    /// <summary>The systemd EFI stub in the image (default /usr/lib/systemd/boot/efi/linuxx64.efi.stub, aa64 on aarch64).</summary>
    public required string Stub { get; init; }

    /// <summary>The boot loader in the image, installed as EFI/BOOT/BOOTX64.EFI (default systemd-boot's).</summary>
    public required string Loader { get; init; }

    public InitrdDefinition Initrd { get; init; } = new();
}

/// <summary><c>boot.initrd:</c> what goes into the initrd.</summary>
public sealed record InitrdDefinition
{
    public InitrdCompression Compression { get; init; } = InitrdCompression.Zstd;

    /// <summary>A file of the image to run as /init; null: Basalt's generated busybox /init (docs/boot.md).</summary>
    public string? Init { get; init; }

    /// <summary>Packages whose files all go into the initrd (with the libraries their programs need); installed implicitly.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>Paths from the image (with the libraries they need).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Kernel modules to load, by name; their dependencies are added.</summary>
    public IReadOnlyList<string> Modules { get; init; } = [];
}
