namespace Basalt.Imaging.Pe;

/// <summary>
/// The contents of a Unified Kernel Image (UAPI "Unified Kernel Image (UKI)" specification; systemd-stub(7)).
/// Text sections are stored as UTF-8 exactly as given, without a terminating NUL: the stub uses the section size.
/// </summary>
public sealed record UkiSections
{
    /// <summary>The kernel (an x86 bzImage with EFI stub, or the EFI zImage of other architectures): section .linux.</summary>
    public required ReadOnlyMemory<byte> Linux { get; init; }

    /// <summary>The kernel command line: section .cmdline.</summary>
    public required string CommandLine { get; init; }

    /// <summary>The os-release file of the image: section .osrel (systemd-boot shows its PRETTY_NAME and sorts by VERSION_ID).</summary>
    public required string OsRelease { get; init; }

    /// <summary>The initrd (a cpio archive, possibly compressed): section .initrd; null or empty leaves the section out.</summary>
    public ReadOnlyMemory<byte>? Initrd { get; init; }

    /// <summary>The kernel release (<c>uname -r</c>): section .uname.</summary>
    public string? Uname { get; init; }
}
