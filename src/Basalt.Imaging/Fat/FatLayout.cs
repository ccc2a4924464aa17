namespace Basalt.Imaging.Fat;

/// <summary>
/// FAT32 on-disk layout as data (Microsoft "FAT32 File System Specification", fatgen103, 2000: section 3
/// "Boot Sector and BPB", section 5 "FAT32 FSInfo Sector", section 6 "FAT Directory Structure", section 7
/// "Long File Name Implementation"). Integers are little-endian.
/// </summary>
internal static class FatLayout
{
    public const int SectorSize = 512;
    public const int ReservedSectors = 32;
    public const int FatCount = 2;
    public const int RootCluster = 2;
    public const int FsInfoSector = 1;
    public const int BackupBootSector = 6;
    public const byte Media = 0xF8;

    // BPB (fatgen103 section 3.1 and 3.3).
    public const int OemNameOffset = 3;
    public const int BytesPerSectorOffset = 11;
    public const int SectorsPerClusterOffset = 13;
    public const int ReservedSectorsOffset = 14;
    public const int FatCountOffset = 16;
    public const int MediaOffset = 21;
    public const int SectorsPerTrackOffset = 24;
    public const int HeadsOffset = 26;
    public const int HiddenSectorsOffset = 28;
    public const int TotalSectors32Offset = 32;
    public const int FatSize32Offset = 36;
    public const int RootClusterOffset = 44;
    public const int FsInfoOffset = 48;
    public const int BackupBootOffset = 50;
    public const int DriveNumberOffset = 64;
    public const int BootSignatureOffset = 66;
    public const int VolumeIdOffset = 67;
    public const int VolumeLabelOffset = 71;
    public const int FileSystemTypeOffset = 82;
    public const int SignatureOffset = 510;

    // FSInfo (fatgen103 section 5).
    public const uint FsInfoLeadSignature = 0x41615252;
    public const uint FsInfoStructSignature = 0x61417272;
    public const uint FsInfoTrailSignature = 0xAA550000;
    public const int FsInfoStructOffset = 484;
    public const int FsInfoFreeCountOffset = 488;
    public const int FsInfoNextFreeOffset = 492;
    public const int FsInfoTrailOffset = 508;

    // FAT entries: 28 bits used; the top 4 are reserved and written as zero.
    public const uint EndOfChain = 0x0FFFFFFF;

    /// <summary>FAT[1] with the "clean shutdown" and "no I/O error" bits set (fatgen103 section 4).</summary>
    public const uint Fat1Clean = 0x0FFFFFFF;

    /// <summary>A volume with fewer clusters than this is FAT16 by definition (fatgen103 section 3.5).</summary>
    public const long MinFat32Clusters = 65525;

    /// <summary>The largest cluster number leaves room for the reserved values 0x0FFFFFF7 and above.</summary>
    public const long MaxFat32Clusters = 0x0FFFFFF5 - 2;

    // Directory entries (fatgen103 section 6).
    public const int DirectoryEntrySize = 32;
    public const byte AttributeReadOnly = 0x01;
    public const byte AttributeVolumeId = 0x08;
    public const byte AttributeDirectory = 0x10;
    public const byte AttributeArchive = 0x20;
    public const byte AttributeLongName = 0x0F;
    public const byte LastLongEntry = 0x40;
    public const int LongNameCharsPerEntry = 13;
    public const int MaxLongName = 255;

    /// <summary>A directory may hold at most 65536 32-byte entries (fatgen103 section 6).</summary>
    public const int MaxDirectoryEntries = 65536;

    /// <summary>The largest file FAT32 can describe: the size field is 32 bits.</summary>
    public const long MaxFileSize = uint.MaxValue;
}
