using System.Buffers.Binary;
using System.Text;

namespace Basalt.Imaging.Pe;

/// <summary>
/// Assembles a Unified Kernel Image from a systemd-stub and its payload sections, as ukify does but without objcopy.
/// The sections are appended after the stub's last section, each at the next SectionAlignment-aligned RVA with its
/// raw data FileAlignment-aligned; the headers are updated and the checksum recomputed. The same inputs always give the
/// same bytes.
/// </summary>
public static class UkiBuilder
{
    /// <summary>
    /// .linux and .initrd start on a 4 KiB page in memory. The UKI spec only asks for SectionAlignment, which is 512
    /// in Debian's stub; page alignment also satisfies that, and lets systemd-stub 252 hand the kernel and initrd to
    /// Linux at page-aligned addresses (the x86 boot protocol's "ramdisk_image" is expected page-aligned; the kernel's
    /// EFI handover entry copies itself when its own kernel_alignment is not met).
    /// </summary>
    public const uint PayloadAlignment = 4096;

    /// <summary>The PE format: FileAlignment "should be a power of 2 between 512 and 64 K"; more would only pad the UKI.</summary>
    private const uint MaxFileAlignment = 64 * 1024;

    /// <summary>Section characteristics of every appended section: initialized data, readable.</summary>
    public const uint SectionCharacteristics = PeLayout.ScnCntInitializedData | PeLayout.ScnMemRead;

    /// <summary>Builds the UKI. Throws <see cref="InvalidDataException"/> when the stub cannot take the sections.</summary>
    public static byte[] Build(ReadOnlyMemory<byte> stub, UkiSections sections) => Build(stub, sections, "UKI stub");

    /// <summary>Builds the UKI; <paramref name="stubName"/> (usually the path) names the stub in error messages.</summary>
    public static byte[] Build(ReadOnlyMemory<byte> stub, UkiSections sections, string stubName)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (sections.Linux.IsEmpty)
        {
            throw new ArgumentException("The UKI needs a kernel: the .linux section is empty.", nameof(sections));
        }

        var headers = PeHeaders.Read(stub.Span, stubName);
        if (headers.Subsystem != PeLayout.SubsystemEfiApplication)
        {
            throw new InvalidDataException(
                $"PE image '{stubName}' is a {PeLayout.SubsystemName(headers.Subsystem)}, not an EFI application (offset 0x{headers.OptionalHeaderOffset + PeLayout.SubsystemOffset:x}).");
        }

        if (headers.FileAlignment > MaxFileAlignment)
        {
            throw new InvalidDataException(
                $"PE image '{stubName}' has FileAlignment 0x{headers.FileAlignment:x}, above the PE format's 64 KiB limit (offset 0x{headers.OptionalHeaderOffset + PeLayout.FileAlignmentOffset:x}).");
        }

        var payload = Payload(sections);
        foreach (var (name, _, _) in payload)
        {
            if (headers.Sections.Any(s => s.Name == name))
            {
                throw new InvalidDataException($"PE image '{stubName}' already has a '{name}' section: is it a UKI already?");
            }
        }

        var plan = UkiLayout.Plan(headers, payload, stubName);
        UkiLayout.CheckSlackIsZero(stub.Span, headers, payload.Count, stubName);
        return UkiLayout.Write(stub.Span, headers, plan);
    }

    /// <summary>The sections in the order ukify writes them (UKI spec, "Image Structure").</summary>
    private static List<(string Name, ReadOnlyMemory<byte> Data, bool PageAligned)> Payload(UkiSections sections)
    {
        var list = new List<(string, ReadOnlyMemory<byte>, bool)>
        {
            (".osrel", Encoding.UTF8.GetBytes(sections.OsRelease), false),
            (".cmdline", Encoding.UTF8.GetBytes(sections.CommandLine), false),
        };
        if (sections.Uname is not null)
        {
            list.Add((".uname", Encoding.UTF8.GetBytes(sections.Uname), false));
        }

        if (sections.Initrd is { IsEmpty: false } initrd)
        {
            list.Add((".initrd", initrd, true));
        }

        list.Add((".linux", sections.Linux, true));
        return list;
    }

    internal static void WriteSectionHeader(Span<byte> header, PeSection section)
    {
        header.Clear();
        Encoding.ASCII.GetBytes(section.Name, header[..PeLayout.SectionNameSize]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[PeLayout.SectionVirtualSizeOffset..], section.VirtualSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[PeLayout.SectionVirtualAddressOffset..], section.VirtualAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(header[PeLayout.SectionSizeOfRawDataOffset..], section.SizeOfRawData);
        BinaryPrimitives.WriteUInt32LittleEndian(header[PeLayout.SectionPointerToRawDataOffset..], section.PointerToRawData);
        BinaryPrimitives.WriteUInt32LittleEndian(header[PeLayout.SectionCharacteristicsOffset..], section.Characteristics);
    }
}
