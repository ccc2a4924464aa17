using Basalt.Compose.Definition;
using Basalt.Compose.Layout;
using Basalt.Imaging.Pe;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Boot;

/// <summary>
/// The boot chain's part of the ESP, added once the command line (with usrhash=) is known: systemd-boot as the removable
/// media path EFI/BOOT/BOOT{X64,AA64}.EFI and as EFI/systemd/systemd-boot{x64,aa64}.efi, and either a Unified Kernel Image
/// at EFI/Linux/IMAGE_ID-VERSION.efi (Boot Loader Specification type #2) or, with <c>uki: false</c>, the type #1 entry's
/// kernel already placed by <see cref="EspLayout"/>. With a Secure Boot signer every EFI binary is Authenticode-signed.
/// </summary>
public static class EspBoot
{
    public static void Complete(FileTree esp, BootAssets boot, ImageDefinition definition, string commandLine, string osRelease,
        AuthenticodeSigner? signer, FileTimestamp time)
    {
        ArgumentNullException.ThrowIfNull(esp);
        ArgumentNullException.ThrowIfNull(boot);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrEmpty(commandLine);
        ArgumentNullException.ThrowIfNull(osRelease);
        var efi = Architecture.EfiName(definition.Arch);
        var loader = Signed(boot.Loader.ReadAllBytes(), signer);
        Add(esp, $"/EFI/BOOT/BOOT{efi.ToUpperInvariant()}.EFI", loader, time);
        Add(esp, $"/EFI/systemd/systemd-boot{efi}.efi", loader, time);
        if (boot.Stub is { } stub)
        {
            var uki = UkiBuilder.Build(stub.ReadAllBytes(), new UkiSections
            {
                Linux = boot.Kernel.ReadAllBytes(),
                Initrd = boot.Initrd,
                CommandLine = commandLine,
                OsRelease = osRelease,
                Uname = boot.KernelVersion,
            });
            Add(esp, UkiPath(definition, osRelease), Signed(uki, signer), time);
        }
        else if (signer is not null)
        {
            // Type #1: systemd-boot hands the kernel to the firmware's LoadImage, which checks it against db under Secure Boot.
            foreach (var (path, file) in EspLayout.EntryKernels(esp))
            {
                Add(esp, path, signer.Sign(file.Content.ReadAllBytes()), time);
            }
        }
    }

    /// <summary>EFI/Linux/IMAGE_ID-IMAGE_VERSION.efi: systemd-boot names type #2 entries after the file and orders them by .osrel.</summary>
    public static string UkiPath(ImageDefinition definition, string osRelease)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var fields = OsReleaseFile.Parse(osRelease);
        return $"/EFI/Linux/{fields.GetValueOrDefault("IMAGE_ID") ?? definition.Name}-{fields.GetValueOrDefault("IMAGE_VERSION") ?? definition.Version}.efi";
    }

    private static byte[] Signed(byte[] image, AuthenticodeSigner? signer) => signer is null ? image : signer.Sign(image);

    private static void Add(FileTree esp, string path, byte[] content, FileTimestamp time) =>
        esp.AddOrReplace(path, new RegularFileNode(content, 0x1A4) { ModificationTime = time });
}
