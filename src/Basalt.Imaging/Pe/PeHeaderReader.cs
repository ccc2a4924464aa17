using System.Buffers.Binary;
using System.Numerics;

namespace Basalt.Imaging.Pe;

/// <summary>
/// Reads PE headers defensively: every count, size and offset is hostile and is checked against the file before it is
/// used, so a malformed image fails with the field and its offset rather than an out-of-range read.
/// </summary>
internal readonly ref struct PeHeaderReader(ReadOnlySpan<byte> data, string name)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public PeHeaders Read()
    {
        if (_data.Length < PeLayout.DosHeaderSize)
        {
            throw Fail(0, $"is too short for an MS-DOS header ({_data.Length} bytes, need {PeLayout.DosHeaderSize})");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(_data) != PeLayout.DosMagic)
        {
            throw Fail(0, "has no 'MZ' signature: not a PE image");
        }

        var peOffset = BinaryPrimitives.ReadUInt32LittleEndian(_data[PeLayout.PeOffsetField..]);
        if (peOffset < PeLayout.DosHeaderSize || peOffset > (uint)(_data.Length - PeLayout.PeSignatureSize - PeLayout.CoffHeaderSize))
        {
            throw Fail(PeLayout.PeOffsetField, $"has a PE header offset 0x{peOffset:x} outside the file ({_data.Length} bytes)");
        }

        var pe = (int)peOffset;
        if (BinaryPrimitives.ReadUInt32LittleEndian(_data[pe..]) != PeLayout.PeSignature)
        {
            throw Fail(pe, "has no 'PE\\0\\0' signature");
        }

        var coff = pe + PeLayout.PeSignatureSize;
        var machine = U16(coff + PeLayout.MachineOffset);
        var sectionCount = U16(coff + PeLayout.NumberOfSectionsOffset);
        var optionalSize = U16(coff + PeLayout.SizeOfOptionalHeaderOffset);
        var optional = coff + PeLayout.CoffHeaderSize;
        if (sectionCount > PeLayout.MaxSections)
        {
            throw Fail(coff + PeLayout.NumberOfSectionsOffset, $"declares {sectionCount} sections (at most {PeLayout.MaxSections} allowed)");
        }

        if ((long)optional + optionalSize > _data.Length || optionalSize < 2)
        {
            throw Fail(coff + PeLayout.SizeOfOptionalHeaderOffset, $"has an optional header of {optionalSize} bytes that does not fit the file");
        }

        var magic = U16(optional + PeLayout.MagicOffset);
        if (magic is not (PeLayout.MagicPe32 or PeLayout.MagicPe32Plus))
        {
            throw Fail(optional, $"has optional-header magic 0x{magic:x}, neither PE32 (0x10b) nor PE32+ (0x20b)");
        }

        var plus = magic == PeLayout.MagicPe32Plus;
        var directoriesAt = plus ? PeLayout.DataDirectoriesOffsetPe32Plus : PeLayout.DataDirectoriesOffsetPe32;
        if (optionalSize < directoriesAt)
        {
            throw Fail(coff + PeLayout.SizeOfOptionalHeaderOffset, $"has an optional header of {optionalSize} bytes, too small for its fixed fields ({directoriesAt})");
        }

        var countField = optional + (plus ? PeLayout.NumberOfRvaAndSizesOffsetPe32Plus : PeLayout.NumberOfRvaAndSizesOffsetPe32);
        var directoryCount = U32(countField);
        if (directoryCount > PeLayout.MaxDataDirectories || directoriesAt + (directoryCount * PeLayout.DataDirectorySize) > optionalSize)
        {
            throw Fail(countField, $"declares {directoryCount} data directories, more than its optional header ({optionalSize} bytes) holds");
        }

        var sectionAlignment = U32(optional + PeLayout.SectionAlignmentOffset);
        var fileAlignment = U32(optional + PeLayout.FileAlignmentOffset);
        CheckAlignment(optional + PeLayout.SectionAlignmentOffset, "SectionAlignment", sectionAlignment);
        CheckAlignment(optional + PeLayout.FileAlignmentOffset, "FileAlignment", fileAlignment);
        var sizeOfHeaders = U32(optional + PeLayout.SizeOfHeadersOffset);
        var sectionTable = (long)optional + optionalSize;
        var sectionTableEnd = sectionTable + ((long)sectionCount * PeLayout.SectionHeaderSize);
        if (sectionTableEnd > _data.Length)
        {
            throw Fail((int)sectionTable, $"has a section table of {sectionCount} entries that runs past the end of the file ({_data.Length} bytes)");
        }

        if (sizeOfHeaders > _data.Length || sizeOfHeaders < sectionTableEnd)
        {
            throw Fail(optional + PeLayout.SizeOfHeadersOffset,
                $"has SizeOfHeaders 0x{sizeOfHeaders:x}, outside [end of section table 0x{sectionTableEnd:x}, file size 0x{_data.Length:x}]");
        }

        var sections = ReadSections((int)sectionTable, sectionCount);
        var (certOffset, certSize) = ReadCertificateDirectory(optional + directoriesAt, directoryCount, sizeOfHeaders);
        return new PeHeaders
        {
            PeHeaderOffset = pe,
            Machine = machine,
            PointerToSymbolTable = U32(coff + PeLayout.PointerToSymbolTableOffset),
            NumberOfSymbols = U32(coff + PeLayout.NumberOfSymbolsOffset),
            SizeOfOptionalHeader = optionalSize,
            IsPe32Plus = plus,
            ImageBase = plus
                ? BinaryPrimitives.ReadUInt64LittleEndian(_data[(optional + PeLayout.ImageBaseOffsetPe32Plus)..])
                : U32(optional + PeLayout.ImageBaseOffsetPe32),
            SectionAlignment = sectionAlignment,
            FileAlignment = fileAlignment,
            SizeOfImage = U32(optional + PeLayout.SizeOfImageOffset),
            SizeOfHeaders = sizeOfHeaders,
            CheckSum = U32(optional + PeLayout.CheckSumOffset),
            Subsystem = U16(optional + PeLayout.SubsystemOffset),
            SizeOfInitializedData = U32(optional + PeLayout.SizeOfInitializedDataOffset),
            NumberOfDataDirectories = (int)directoryCount,
            CertificateTableOffset = certOffset,
            CertificateTableSize = certSize,
            Sections = sections,
        };
    }

    private PeSection[] ReadSections(int table, int count)
    {
        var sections = new PeSection[count];
        for (var i = 0; i < count; i++)
        {
            var at = table + (i * PeLayout.SectionHeaderSize);
            var header = _data.Slice(at, PeLayout.SectionHeaderSize);
            var section = new PeSection(
                PeHeaders.DecodeSectionName(header[..PeLayout.SectionNameSize]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[PeLayout.SectionVirtualAddressOffset..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[PeLayout.SectionVirtualSizeOffset..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[PeLayout.SectionPointerToRawDataOffset..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[PeLayout.SectionSizeOfRawDataOffset..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[PeLayout.SectionCharacteristicsOffset..]));
            if (section.SizeOfRawData != 0 && (long)section.PointerToRawData + section.SizeOfRawData > _data.Length)
            {
                throw Fail(at + PeLayout.SectionPointerToRawDataOffset,
                    $"has section '{section.Name}' with raw data at 0x{section.PointerToRawData:x} (+0x{section.SizeOfRawData:x}) past the end of the file (0x{_data.Length:x})");
            }

            sections[i] = section;
        }

        return sections;
    }

    private (uint Offset, uint Size) ReadCertificateDirectory(int directories, uint count, uint sizeOfHeaders)
    {
        if (count <= PeLayout.CertificateTableDirectory)
        {
            return (0, 0);
        }

        var at = directories + (PeLayout.CertificateTableDirectory * PeLayout.DataDirectorySize);
        var offset = U32(at);
        var size = U32(at + 4);
        if (size == 0)
        {
            return (0, 0);
        }

        if (offset < sizeOfHeaders || (long)offset + size > _data.Length || size < PeLayout.WinCertificateHeaderSize)
        {
            throw Fail(at, $"has a certificate table at 0x{offset:x} (+0x{size:x}) outside the file (0x{_data.Length:x} bytes)");
        }

        return (offset, size);
    }

    private void CheckAlignment(int at, string field, uint value)
    {
        if (value == 0 || !BitOperations.IsPow2(value))
        {
            throw Fail(at, $"has {field} 0x{value:x}, not a power of two");
        }
    }

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(_data[at..]);

    private uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(_data[at..]);

    private InvalidDataException Fail(long offset, string message)
        => new($"PE image '{name}' {message} (offset 0x{offset:x}).");
}
