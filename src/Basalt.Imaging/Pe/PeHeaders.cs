using System.Buffers.Binary;
using System.Text;

namespace Basalt.Imaging.Pe;

/// <summary>
/// The parsed, validated headers of a PE image: every field Basalt reads or rewrites, with the file offsets of the
/// fields that signing and UKI assembly patch. Built by <see cref="Read"/> over a span so that digesting needs no copy.
/// </summary>
internal sealed class PeHeaders
{
    public required int PeHeaderOffset { get; init; }
    public required ushort Machine { get; init; }
    public required uint PointerToSymbolTable { get; init; }
    public required uint NumberOfSymbols { get; init; }
    public required bool IsPe32Plus { get; init; }
    public required ulong ImageBase { get; init; }
    public required uint SectionAlignment { get; init; }
    public required uint FileAlignment { get; init; }
    public required uint SizeOfImage { get; init; }
    public required uint SizeOfHeaders { get; init; }
    public required uint CheckSum { get; init; }
    public required ushort Subsystem { get; init; }
    public required uint SizeOfInitializedData { get; init; }
    public required int NumberOfDataDirectories { get; init; }
    public required uint CertificateTableOffset { get; init; }
    public required uint CertificateTableSize { get; init; }
    public required IReadOnlyList<PeSection> Sections { get; init; }

    public int CoffHeaderOffset => PeHeaderOffset + PeLayout.PeSignatureSize;

    public int OptionalHeaderOffset => CoffHeaderOffset + PeLayout.CoffHeaderSize;

    public required int SizeOfOptionalHeader { get; init; }

    public int SectionTableOffset => OptionalHeaderOffset + SizeOfOptionalHeader;

    public int CheckSumFileOffset => OptionalHeaderOffset + PeLayout.CheckSumOffset;

    public int DataDirectoriesFileOffset => OptionalHeaderOffset
        + (IsPe32Plus ? PeLayout.DataDirectoriesOffsetPe32Plus : PeLayout.DataDirectoriesOffsetPe32);

    /// <summary>The file offset of data directory 4 (certificate table), or -1 when the image has fewer directories.</summary>
    public int CertificateDirectoryFileOffset => NumberOfDataDirectories > PeLayout.CertificateTableDirectory
        ? DataDirectoriesFileOffset + (PeLayout.CertificateTableDirectory * PeLayout.DataDirectorySize)
        : -1;

    public bool HasCertificateTable => CertificateTableSize != 0;

    /// <summary>The end of the headers and of all section raw data: where trailing ("overlay") data begins.</summary>
    public long EndOfSectionData
    {
        get
        {
            long end = SizeOfHeaders;
            foreach (var section in Sections)
            {
                if (section.SizeOfRawData != 0)
                {
                    end = Math.Max(end, (long)section.PointerToRawData + section.SizeOfRawData);
                }
            }

            return end;
        }
    }

    /// <summary>True when <paramref name="data"/> starts with an MS-DOS header that points at a PE signature.</summary>
    public static bool LooksLikePe(ReadOnlySpan<byte> data)
    {
        if (data.Length < PeLayout.DosHeaderSize || BinaryPrimitives.ReadUInt16LittleEndian(data) != PeLayout.DosMagic)
        {
            return false;
        }

        var offset = BinaryPrimitives.ReadUInt32LittleEndian(data[PeLayout.PeOffsetField..]);
        return offset <= (uint)(data.Length - PeLayout.PeSignatureSize - PeLayout.CoffHeaderSize)
            && BinaryPrimitives.ReadUInt32LittleEndian(data[(int)offset..]) == PeLayout.PeSignature;
    }

    /// <summary>Reads and checks the headers; every failure is an <see cref="InvalidDataException"/> naming the file and offset.</summary>
    public static PeHeaders Read(ReadOnlySpan<byte> data, string name)
    {
        var reader = new PeHeaderReader(data, name);
        return reader.Read();
    }

    internal static string DecodeSectionName(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }
}
