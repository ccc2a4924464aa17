namespace Basalt.Imaging.Gpt;

/// <summary>
/// The GPT on-disk layout as data (UEFI 2.10, section 5.2 "LBA 0 Format" and 5.3 "GUID Partition Table
/// (GPT) Disk Layout"). All integers are little-endian.
/// </summary>
internal static class GptLayout
{
    public const int SectorSize = 512;

    // Protective MBR (UEFI 5.2.3): one partition record of type 0xEE covering the disk after LBA 0.
    public const int MbrPartitionRecordOffset = 446;
    public const int MbrBootSignatureOffset = 510;
    public const ushort MbrBootSignature = 0xAA55;
    public const byte ProtectiveOsType = 0xEE;

    // GPT header (UEFI table 5.5).
    public const ulong Signature = 0x5452415020494645; // "EFI PART"
    public const uint Revision = 0x00010000;
    public const int HeaderSize = 92;
    public const int HeaderSignatureOffset = 0;
    public const int HeaderRevisionOffset = 8;
    public const int HeaderSizeOffset = 12;
    public const int HeaderCrcOffset = 16;
    public const int HeaderReservedOffset = 20;
    public const int HeaderMyLbaOffset = 24;
    public const int HeaderAlternateLbaOffset = 32;
    public const int HeaderFirstUsableOffset = 40;
    public const int HeaderLastUsableOffset = 48;
    public const int HeaderDiskGuidOffset = 56;
    public const int HeaderEntryLbaOffset = 72;
    public const int HeaderEntryCountOffset = 80;
    public const int HeaderEntrySizeOffset = 84;
    public const int HeaderEntryArrayCrcOffset = 88;

    // Partition entry (UEFI table 5.6).
    public const int EntrySize = 128;
    public const int EntryCount = 128;
    public const int EntryTypeOffset = 0;
    public const int EntryUniqueOffset = 16;
    public const int EntryFirstLbaOffset = 32;
    public const int EntryLastLbaOffset = 40;
    public const int EntryAttributesOffset = 48;
    public const int EntryNameOffset = 56;
    public const int EntryNameBytes = 72;
    public const int EntryNameChars = EntryNameBytes / 2;

    /// <summary>The entry array of 128 entries of 128 bytes: 16 KiB, 32 sectors (the UEFI minimum).</summary>
    public const int EntryArrayBytes = EntrySize * EntryCount;
    public const int EntryArraySectors = EntryArrayBytes / SectorSize;

    /// <summary>LBA 0 (MBR) + LBA 1 (header) + the entry array: the first usable LBA is 34.</summary>
    public const long FirstUsableLba = 2 + EntryArraySectors;

    /// <summary>The backup entry array and header take the last 33 sectors.</summary>
    public const long BackupSectors = EntryArraySectors + 1;

    // Reader caps: the spec allows other entry sizes (128 × 2^n); we accept up to 1 MiB of entries.
    public const int MaxEntryArrayBytes = 1024 * 1024;
    public const int MaxEntrySize = 4096;
}
