namespace Basalt.Imaging.Fat;

/// <summary>
/// The fields a FAT reader needs, as data (Microsoft "FAT32 File System Specification", fatgen103, 2000: section 3
/// "Boot Sector and BPB", section 3.5 "FAT Type Determination", section 4 "FAT", section 6 "FAT Directory
/// Structure", section 7 "Long File Name Implementation"). Integers are little-endian. The writer's
/// <see cref="FatLayout"/> covers FAT32 only; this adds the FAT12/16 fields and the reader's limits.
/// </summary>
internal static class FatReaderLayout
{
    // BPB fields common to all three types (fatgen103 section 3.1).
    public const int BytesPerSectorOffset = 11;
    public const int SectorsPerClusterOffset = 13;
    public const int ReservedSectorsOffset = 14;
    public const int FatCountOffset = 16;
    public const int RootEntryCountOffset = 17;
    public const int TotalSectors16Offset = 19;
    public const int FatSize16Offset = 22;
    public const int TotalSectors32Offset = 32;

    // FAT32 extension (section 3.3) and the FAT12/16 one (section 3.2).
    public const int FatSize32Offset = 36;
    public const int RootClusterOffset = 44;
    public const int Fat16VolumeLabelOffset = 43;
    public const int Fat32VolumeLabelOffset = 71;
    public const int SignatureOffset = 510;
    public const ushort Signature = 0xAA55;

    /// <summary>Fewer clusters than this is FAT12, fewer than <see cref="MaxFat16Clusters"/> FAT16, else FAT32 (section 3.5).</summary>
    public const long MaxFat12Clusters = 4085;

    public const long MaxFat16Clusters = 65525;

    // Values of a FAT entry (section 4): 0 free, the "bad cluster" mark, and end-of-chain from these up.
    public const uint Fat12Bad = 0xFF7;
    public const uint Fat16Bad = 0xFFF7;
    public const uint Fat32Bad = 0x0FFFFFF7;
    public const uint Fat32Mask = 0x0FFFFFFF;

    /// <summary>The first data cluster: FAT entries 0 and 1 are reserved.</summary>
    public const uint FirstCluster = 2;

    // Directory entries (section 6).
    public const int EntrySize = 32;
    public const int NameLength = 11;
    public const int AttributeOffset = 11;
    public const int CaseFlagsOffset = 12;
    public const int ClusterHighOffset = 20;
    public const int ClusterLowOffset = 26;
    public const int FileSizeOffset = 28;
    public const byte EndOfDirectory = 0x00;
    public const byte Deleted = 0xE5;
    public const byte KanjiE5 = 0x05;
    public const byte AttributeVolumeId = 0x08;
    public const byte AttributeDirectory = 0x10;
    public const byte AttributeLongName = 0x0F;
    public const byte AttributeLongNameMask = 0x3F;

    /// <summary>NT reserved byte: the base name (0x08) or extension (0x10) is stored upper case but shown lower case, as Windows NT, Linux and mtools write it.</summary>
    public const byte LowerCaseBase = 0x08;

    public const byte LowerCaseExtension = 0x10;

    // Long-name entries (section 7).
    public const int LongOrdinalOffset = 0;
    public const int LongName1Offset = 1;
    public const int LongName1Chars = 5;
    public const int LongChecksumOffset = 13;
    public const int LongName2Offset = 14;
    public const int LongName2Chars = 6;
    public const int LongName3Offset = 28;
    public const int LongName3Chars = 2;
    public const int LongCharsPerEntry = 13;
    public const byte LastLongEntry = 0x40;
    public const int MaxLongEntries = 20;

    /// <summary>A directory holds at most 65536 entries (section 6), so its bytes are capped at 2 MiB before reading.</summary>
    public const int MaxDirectoryBytes = 65536 * EntrySize;
}
