namespace Basalt.Imaging.Pe;

/// <summary>
/// A parsed, read-only view over a PE32 or PE32+ image (an EFI application, a UKI, a Linux bzImage with its EFI stub).
/// The headers are validated on <see cref="Parse"/>; the bytes are not copied.
/// </summary>
public sealed class PeImage
{
    private readonly PeHeaders _headers;

    private PeImage(ReadOnlyMemory<byte> data, string name, PeHeaders headers)
    {
        Data = data;
        Name = name;
        _headers = headers;
    }

    /// <summary>The whole image.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The name used in error messages (usually the path).</summary>
    public string Name { get; }

    /// <summary>IMAGE_FILE_MACHINE_* (0x8664 for x86-64).</summary>
    public ushort Machine => _headers.Machine;

    /// <summary>A short name for <see cref="Machine"/> ("x86-64", "arm64", or the hex value).</summary>
    public string MachineName => PeLayout.MachineName(Machine);

    /// <summary>IMAGE_SUBSYSTEM_* (10 for an EFI application).</summary>
    public ushort Subsystem => _headers.Subsystem;

    public string SubsystemName => PeLayout.SubsystemName(Subsystem);

    /// <summary>True for PE32+ (64-bit optional header), false for PE32.</summary>
    public bool IsPe32Plus => _headers.IsPe32Plus;

    /// <summary>The preferred load address; section VMAs (as objdump prints them) are ImageBase + RVA.</summary>
    public ulong ImageBase => _headers.ImageBase;

    public uint SectionAlignment => _headers.SectionAlignment;

    public uint FileAlignment => _headers.FileAlignment;

    public uint SizeOfHeaders => _headers.SizeOfHeaders;

    public uint SizeOfImage => _headers.SizeOfImage;

    /// <summary>The CheckSum field as stored.</summary>
    public uint CheckSum => _headers.CheckSum;

    /// <summary>The checksum the image should carry (PE format, "Optional Header Windows-Specific Fields").</summary>
    public uint ComputeCheckSum() => PeChecksum.Compute(Data.Span, _headers.CheckSumFileOffset);

    /// <summary>True when data directory 4 points at an attribute certificate table.</summary>
    public bool HasCertificateTable => _headers.HasCertificateTable;

    /// <summary>File offset of the attribute certificate table (0 when there is none).</summary>
    public uint CertificateTableOffset => _headers.CertificateTableOffset;

    /// <summary>Size in bytes of the attribute certificate table (0 when there is none).</summary>
    public uint CertificateTableSize => _headers.CertificateTableSize;

    public IReadOnlyList<PeSection> Sections => _headers.Sections;

    internal PeHeaders Headers => _headers;

    /// <summary>True when <paramref name="data"/> starts with an MS-DOS header pointing at a PE signature.</summary>
    public static bool IsPe(ReadOnlySpan<byte> data) => PeHeaders.LooksLikePe(data);

    /// <summary>Parses and validates the headers; throws <see cref="InvalidDataException"/> naming <paramref name="name"/> and the offset.</summary>
    public static PeImage Parse(ReadOnlyMemory<byte> data, string name)
        => new(data, name, PeHeaders.Read(data.Span, name));

    /// <summary>Reads a file (capped at <see cref="PeLayout.MaxImageSize"/>) and parses it.</summary>
    public static PeImage Load(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > PeLayout.MaxImageSize)
        {
            throw new InvalidDataException($"PE image '{path}' is {length} bytes, larger than the {PeLayout.MaxImageSize} bytes Basalt reads.");
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>The first section called <paramref name="sectionName"/>, or null.</summary>
    public PeSection? FindSection(string sectionName)
        => Sections.FirstOrDefault(s => string.Equals(s.Name, sectionName, StringComparison.Ordinal));

    /// <summary>The raw data of the first section called <paramref name="sectionName"/>, trimmed to its VirtualSize.</summary>
    public bool TryGetSectionData(string sectionName, out ReadOnlyMemory<byte> data)
    {
        var section = FindSection(sectionName);
        if (section is null)
        {
            data = default;
            return false;
        }

        // A section without raw data (SizeOfRawData 0) may carry any PointerToRawData; only sized ones were checked.
        data = section.DataLength == 0 ? ReadOnlyMemory<byte>.Empty : Data.Slice((int)section.PointerToRawData, (int)section.DataLength);
        return true;
    }
}
