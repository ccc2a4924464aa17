using System.Buffers.Binary;

namespace Basalt.Imaging.Pe;

/// <summary>Where each appended UKI section goes, and the writing of the new image.</summary>
internal static class UkiLayout
{
    internal sealed record Placed(PeSection Header, ReadOnlyMemory<byte> Data);

    internal sealed record LayoutPlan(long StubEnd, IReadOnlyList<Placed> Sections, uint SizeOfImage, long FileLength);

    public static LayoutPlan Plan(PeHeaders headers, IReadOnlyList<(string Name, ReadOnlyMemory<byte> Data, bool PageAligned)> payload, string stubName)
    {
        CheckHeaderRoom(headers, payload.Count, stubName);

        // Everything after the last section's raw data is dropped: the COFF symbol table (deprecated for images, and
        // it would sit in the middle of the new file), any overlay, and the stub's own signature, which could not
        // cover the new sections anyway.
        var stubEnd = headers.EndOfSectionData;
        long fileOffset = AlignUp(stubEnd, headers.FileAlignment);
        long rva = headers.SizeOfImage;
        foreach (var section in headers.Sections)
        {
            rva = Math.Max(rva, (long)section.VirtualAddress + section.MemorySize);
        }

        var placed = new List<Placed>(payload.Count);
        foreach (var (name, data, pageAligned) in payload)
        {
            rva = AlignUp(rva, pageAligned ? Math.Max(headers.SectionAlignment, UkiBuilder.PayloadAlignment) : headers.SectionAlignment);
            var rawSize = AlignUp(data.Length, headers.FileAlignment);
            var header = new PeSection(name, ToUInt32(rva, name), (uint)data.Length, ToUInt32(fileOffset, name), ToUInt32(rawSize, name),
                UkiBuilder.SectionCharacteristics);
            placed.Add(new Placed(header, data));
            fileOffset += rawSize;

            // An empty section still takes one alignment unit so that no two sections share an address.
            rva = AlignUp(rva + Math.Max(data.Length, 1), headers.SectionAlignment);
        }

        if (fileOffset > PeLayout.MaxImageSize)
        {
            throw new InvalidDataException($"The UKI would be {fileOffset} bytes, larger than the {PeLayout.MaxImageSize} bytes a PE image can hold here.");
        }

        return new LayoutPlan(stubEnd, placed, ToUInt32(rva, "SizeOfImage"), fileOffset);
    }

    public static byte[] Write(ReadOnlySpan<byte> stub, PeHeaders headers, LayoutPlan plan)
    {
        var image = new byte[plan.FileLength];
        stub[..(int)plan.StubEnd].CopyTo(image);
        var table = headers.SectionTableOffset + (headers.Sections.Count * PeLayout.SectionHeaderSize);
        uint addedInitializedData = 0;
        foreach (var (header, data) in plan.Sections)
        {
            UkiBuilder.WriteSectionHeader(image.AsSpan(table, PeLayout.SectionHeaderSize), header);
            data.Span.CopyTo(image.AsSpan((int)header.PointerToRawData));
            table += PeLayout.SectionHeaderSize;
            addedInitializedData = checked(addedInitializedData + header.SizeOfRawData);
        }

        var coff = image.AsSpan(headers.CoffHeaderOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(coff[PeLayout.NumberOfSectionsOffset..], (ushort)(headers.Sections.Count + plan.Sections.Count));
        BinaryPrimitives.WriteUInt32LittleEndian(coff[PeLayout.PointerToSymbolTableOffset..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(coff[PeLayout.NumberOfSymbolsOffset..], 0);
        var optional = image.AsSpan(headers.OptionalHeaderOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(optional[PeLayout.SizeOfImageOffset..], plan.SizeOfImage);
        BinaryPrimitives.WriteUInt32LittleEndian(optional[PeLayout.SizeOfInitializedDataOffset..],
            checked(headers.SizeOfInitializedData + addedInitializedData));
        if (headers.CertificateDirectoryFileOffset >= 0)
        {
            image.AsSpan(headers.CertificateDirectoryFileOffset, PeLayout.DataDirectorySize).Clear();
        }

        BinaryPrimitives.WriteUInt32LittleEndian(optional[PeLayout.CheckSumOffset..], PeChecksum.Compute(image, headers.CheckSumFileOffset));
        return image;
    }

    /// <summary>
    /// The new section headers must fit between the existing table and the end of the headers (SizeOfHeaders, and the
    /// first section's raw data), and that space must be unused (all zero).
    /// </summary>
    private static void CheckHeaderRoom(PeHeaders headers, int added, string stubName)
    {
        var tableEnd = headers.SectionTableOffset + ((long)headers.Sections.Count * PeLayout.SectionHeaderSize);
        var needed = tableEnd + ((long)added * PeLayout.SectionHeaderSize);
        long limit = headers.SizeOfHeaders;
        foreach (var section in headers.Sections.Where(s => s.SizeOfRawData != 0))
        {
            limit = Math.Min(limit, section.PointerToRawData);
        }

        if (needed > limit || headers.Sections.Count + added > PeLayout.MaxSections)
        {
            throw new InvalidDataException(
                $"PE image '{stubName}' has no room for {added} more section headers: the section table would end at 0x{needed:x}, but the headers end at 0x{limit:x} (offset 0x{tableEnd:x}).");
        }
    }

    internal static void CheckSlackIsZero(ReadOnlySpan<byte> stub, PeHeaders headers, int added, string stubName)
    {
        var tableEnd = headers.SectionTableOffset + (headers.Sections.Count * PeLayout.SectionHeaderSize);
        var slack = stub.Slice(tableEnd, added * PeLayout.SectionHeaderSize);
        var used = slack.IndexOfAnyExcept((byte)0);
        if (used >= 0)
        {
            throw new InvalidDataException(
                $"PE image '{stubName}' uses the header space after its section table, where the new section headers would go (offset 0x{tableEnd + used:x}).");
        }
    }

    private static long AlignUp(long value, uint alignment) => checked((value + alignment - 1) & ~((long)alignment - 1));

    private static uint ToUInt32(long value, string what) => value <= uint.MaxValue
        ? (uint)value
        : throw new InvalidDataException($"The UKI's '{what}' would lie at 0x{value:x}, beyond the 4 GiB a PE image can address.");
}
