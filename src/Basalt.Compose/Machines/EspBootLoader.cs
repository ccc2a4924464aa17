using Basalt.Imaging.Fat;
using Basalt.Imaging.Pe;

namespace Basalt.Compose.Machines;

/// <summary>
/// Finds what systemd-boot would boot from an ESP and extracts it for a direct kernel boot: Boot Loader
/// Specification type #1 entries in /loader/entries/*.conf and Unified Kernel Images in /EFI/Linux/*.efi (UAPI.1),
/// ordered and defaulted as systemd-boot does (<see cref="BootEntryChooser"/>).
/// </summary>
public static class EspBootLoader
{
    public const string EntriesDirectory = "/loader/entries";
    public const string UkiDirectory = "/EFI/Linux";
    public const string LoaderConf = "/loader/loader.conf";

    private const long MaxTextBytes = 64 * 1024;
    private const long MaxUkiBytes = 1L << 30; // UKIs are tens of MiB; a hostile size is refused before allocating

    /// <summary>Every bootable entry on the ESP: type #1 entries with a <c>linux</c> key for x64, and PE files with a .linux section.</summary>
    public static IReadOnlyList<BootEntry> ReadEntries(FatReader esp)
    {
        ArgumentNullException.ThrowIfNull(esp);
        var entries = new List<BootEntry>();
        foreach (var file in Files(esp, EntriesDirectory, ".conf"))
        {
            var entry = BootEntryParser.ParseType1(file.Path, BootEntryParser.Decode(esp.ReadAllBytes(file.Path, MaxTextBytes)));
            if (entry.Linux is not null)
            {
                entries.Add(entry);
            }
        }

        foreach (var file in Files(esp, UkiDirectory, ".efi"))
        {
            var uki = TryReadUki(esp, file.Path);
            if (uki is not null && uki.TryGetSectionData(".linux", out _))
            {
                var osRelease = uki.TryGetSectionData(".osrel", out var osrel) ? BootEntryParser.Decode(osrel.Span) : null;
                entries.Add(BootEntryParser.ForUki(file.Path, osRelease));
            }
        }

        return entries;
    }

    /// <summary>Chooses the entry to boot, or throws naming the ESP when there is none.</summary>
    public static BootPlan Plan(FatReader esp)
    {
        ArgumentNullException.ThrowIfNull(esp);
        var entries = ReadEntries(esp);
        var pattern = esp.TryGetEntry(LoaderConf, out var conf) && !conf.IsDirectory
            ? BootEntryParser.ParseLoaderDefault(BootEntryParser.Decode(esp.ReadAllBytes(LoaderConf, MaxTextBytes)))
            : null;
        var entry = BootEntryChooser.Choose(entries, pattern)
            ?? throw new InvalidDataException($"{esp.Name} holds no kernel to boot: no entry in {EntriesDirectory}/*.conf with a 'linux' key and no Unified Kernel Image in {UkiDirectory}/*.efi.");
        if (entry.Kind == BootEntryKind.Type1)
        {
            return new BootPlan(entry, entry.Options ?? "", entry.Initrds.Count > 0);
        }

        var uki = TryReadUki(esp, entry.Path)!;
        var commandLine = uki.TryGetSectionData(".cmdline", out var cmdline) ? BootEntryParser.Decode(cmdline.Span).Trim() : "";
        return new BootPlan(entry, commandLine, uki.TryGetSectionData(".initrd", out _));
    }

    /// <summary>Writes the kernel to DIRECTORY/linux and the initrds, concatenated, to DIRECTORY/initrd.</summary>
    public static BootFiles Extract(FatReader esp, BootPlan plan, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(esp);
        ArgumentNullException.ThrowIfNull(plan);
        var kernelPath = Path.Combine(directory, "linux");
        var initrdPath = plan.HasInitrd ? Path.Combine(directory, "initrd") : null;
        if (plan.Entry.Kind == BootEntryKind.UnifiedKernelImage)
        {
            var uki = TryReadUki(esp, plan.Entry.Path)!;
            uki.TryGetSectionData(".linux", out var linux);
            WriteFile(kernelPath, linux.Span);
            if (initrdPath is not null && uki.TryGetSectionData(".initrd", out var initrd))
            {
                WriteFile(initrdPath, initrd.Span);
            }

            return new BootFiles(kernelPath, initrdPath, plan.CommandLine);
        }

        using (var kernel = new FileStream(kernelPath, FileMode.CreateNew, FileAccess.Write))
        {
            esp.CopyFile(plan.Entry.Linux!, kernel, cancellationToken);
        }

        if (initrdPath is not null)
        {
            // Several initrds are loaded back to back, as systemd-boot does; the kernel unpacks concatenated cpio
            // archives, skipping zero padding between them (Documentation/driver-api/early-userspace), so each is
            // padded to 4 bytes.
            using var initrd = new FileStream(initrdPath, FileMode.CreateNew, FileAccess.Write);
            foreach (var path in plan.Entry.Initrds)
            {
                var length = esp.CopyFile(path, initrd, cancellationToken);
                initrd.Write(new byte[(4 - (length % 4)) % 4]);
            }
        }

        return new BootFiles(kernelPath, initrdPath, plan.CommandLine);
    }

    private static void WriteFile(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.Write(bytes);
    }

    private static IEnumerable<FatReaderEntry> Files(FatReader esp, string directory, string extension)
        => esp.TryGetEntry(directory, out var entry) && entry.IsDirectory
            ? esp.ListDirectory(directory).Where(e => !e.IsDirectory && e.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            : [];

    /// <summary>The PE image at <paramref name="path"/>, or null when the file is not PE (systemd-boot skips such files too).</summary>
    private static PeImage? TryReadUki(FatReader esp, string path)
    {
        var bytes = esp.ReadAllBytes(path, MaxUkiBytes);
        return PeImage.IsPe(bytes) ? PeImage.Parse(bytes, $"{esp.Name} '{path}'") : null;
    }
}
