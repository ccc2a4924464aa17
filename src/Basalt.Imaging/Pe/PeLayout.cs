namespace Basalt.Imaging.Pe;

/// <summary>
/// The PE/COFF layout as data (Microsoft "PE Format" specification: "MS-DOS Stub", "Signature", "COFF File Header",
/// "Optional Header", "Section Table", "The Attribute Certificate Table"). All integers are little-endian.
/// Optional-header offsets are relative to the start of the optional header.
/// </summary>
internal static class PeLayout
{
    /// <summary>"MZ": the MS-DOS header that every image starts with.</summary>
    public const ushort DosMagic = 0x5A4D;
    public const int DosHeaderSize = 64;

    /// <summary>e_lfanew: the file offset of the PE signature.</summary>
    public const int PeOffsetField = 0x3C;

    /// <summary>"PE\0\0".</summary>
    public const uint PeSignature = 0x00004550;
    public const int PeSignatureSize = 4;

    // COFF file header (20 bytes), relative to its start (just after the PE signature).
    public const int CoffHeaderSize = 20;
    public const int MachineOffset = 0;
    public const int NumberOfSectionsOffset = 2;
    public const int TimeDateStampOffset = 4;
    public const int PointerToSymbolTableOffset = 8;
    public const int NumberOfSymbolsOffset = 12;
    public const int SizeOfOptionalHeaderOffset = 16;
    public const int CharacteristicsOffset = 18;

    // Optional header, common part.
    public const ushort MagicPe32 = 0x10B;
    public const ushort MagicPe32Plus = 0x20B;
    public const int MagicOffset = 0;
    public const int SizeOfCodeOffset = 4;
    public const int SizeOfInitializedDataOffset = 8;
    public const int ImageBaseOffsetPe32 = 28;
    public const int ImageBaseOffsetPe32Plus = 24;
    public const int SectionAlignmentOffset = 32;
    public const int FileAlignmentOffset = 36;
    public const int SizeOfImageOffset = 56;
    public const int SizeOfHeadersOffset = 60;
    public const int CheckSumOffset = 64;
    public const int SubsystemOffset = 68;
    public const int DllCharacteristicsOffset = 70;

    // Where the two optional-header flavours differ (PE32 has BaseOfData and 4-byte stack/heap sizes).
    public const int NumberOfRvaAndSizesOffsetPe32 = 92;
    public const int NumberOfRvaAndSizesOffsetPe32Plus = 108;
    public const int DataDirectoriesOffsetPe32 = 96;
    public const int DataDirectoriesOffsetPe32Plus = 112;

    /// <summary>Each data directory is an RVA (or file offset) and a size, 4 bytes each.</summary>
    public const int DataDirectorySize = 8;
    public const int MaxDataDirectories = 16;

    /// <summary>Data directory 4, the certificate table: its "RVA" is a file offset (spec, "Optional Header Data Directories").</summary>
    public const int CertificateTableDirectory = 4;
    public const int DebugDirectory = 6;

    // Section table entry (40 bytes).
    public const int SectionHeaderSize = 40;
    public const int SectionNameSize = 8;
    public const int SectionVirtualSizeOffset = 8;
    public const int SectionVirtualAddressOffset = 12;
    public const int SectionSizeOfRawDataOffset = 16;
    public const int SectionPointerToRawDataOffset = 20;
    public const int SectionCharacteristicsOffset = 36;

    /// <summary>The spec: "the Windows loader limits the number of sections to 96".</summary>
    public const int MaxSections = 96;

    public const uint ScnCntCode = 0x00000020;
    public const uint ScnCntInitializedData = 0x00000040;
    public const uint ScnMemExecute = 0x20000000;
    public const uint ScnMemRead = 0x40000000;
    public const uint ScnMemWrite = 0x80000000;

    // Attribute certificate table entry (WIN_CERTIFICATE): dwLength, wRevision, wCertificateType, bCertificate.
    public const int WinCertificateHeaderSize = 8;
    public const ushort WinCertRevision2 = 0x0200;
    public const ushort WinCertTypePkcsSignedData = 0x0002;

    /// <summary>Attribute certificate entries start on 8-byte (quadword) boundaries.</summary>
    public const int CertificateAlignment = 8;

    public const ushort MachineAmd64 = 0x8664;
    public const ushort MachineI386 = 0x014C;
    public const ushort MachineArm64 = 0xAA64;
    public const ushort MachineArm = 0x01C0;
    public const ushort MachineArmThumb2 = 0x01C4;
    public const ushort MachineRiscV64 = 0x5064;

    public const ushort SubsystemEfiApplication = 10;
    public const ushort SubsystemEfiBootServiceDriver = 11;
    public const ushort SubsystemEfiRuntimeDriver = 12;
    public const ushort SubsystemEfiRom = 13;

    /// <summary>Upper bound on any image we read whole into memory (a UKI with a large initrd stays well below).</summary>
    public const long MaxImageSize = 2L * 1024 * 1024 * 1024 - 1;

    public static string MachineName(ushort machine) => machine switch
    {
        MachineAmd64 => "x86-64",
        MachineI386 => "i386",
        MachineArm64 => "arm64",
        MachineArm => "arm",
        MachineArmThumb2 => "arm-thumb2",
        MachineRiscV64 => "riscv64",
        _ => $"0x{machine:x4}",
    };

    public static string SubsystemName(ushort subsystem) => subsystem switch
    {
        SubsystemEfiApplication => "EFI application",
        SubsystemEfiBootServiceDriver => "EFI boot service driver",
        SubsystemEfiRuntimeDriver => "EFI runtime driver",
        SubsystemEfiRom => "EFI ROM",
        1 => "native",
        2 => "Windows GUI",
        3 => "Windows console",
        _ => subsystem.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
