namespace Basalt.Imaging.Erofs;

/// <summary>
/// The on-disk facts of EROFS (the kernel's fs/erofs/erofs_fs.h and Documentation/filesystems/erofs.rst;
/// the erofs/docs "Core on-disk format" pages), little-endian throughout, in one place.
/// </summary>
internal static class ErofsLayout
{
    public const int BlockSizeBits = 12;
    public const int BlockSize = 1 << BlockSizeBits;

    /// <summary>Inodes sit on 32-byte slots; a NID is (byte offset - meta_blkaddr * block size) / 32.</summary>
    public const int SlotSize = 32;

    /// <summary>struct erofs_super_block, 128 bytes at byte 1024.</summary>
    public const int SuperblockOffset = 1024;
    public const int SuperblockSize = 128;
    public const uint Magic = 0xE0F5E1E2;

    // Superblock field offsets (relative to the superblock).
    public const int SbMagic = 0x00;
    public const int SbChecksum = 0x04;
    public const int SbFeatureCompat = 0x08;
    public const int SbBlockSizeBits = 0x0C;
    public const int SbRootNid = 0x0E;
    public const int SbInodeCount = 0x10;
    public const int SbBuildTime = 0x18;
    public const int SbBuildTimeNanoseconds = 0x20;
    public const int SbBlocks = 0x24;
    public const int SbMetaBlockAddress = 0x28;
    public const int SbXattrBlockAddress = 0x2C;
    public const int SbUuid = 0x30;
    public const int SbVolumeName = 0x40;
    public const int VolumeNameLength = 16;

    /// <summary>EROFS_FEATURE_COMPAT_SB_CHKSUM: crc32c of the superblock block from byte 1024 on.</summary>
    public const uint FeatureCompatSuperblockChecksum = 0x1;

    /// <summary>EROFS_FEATURE_COMPAT_MTIME: compact inodes take their mtime from build_time.</summary>
    public const uint FeatureCompatMtime = 0x2;

    // i_format: bit 0 version (0 compact, 1 extended), bits 1-3 data layout.
    public const int InodeVersionCompact = 0;
    public const int InodeVersionExtended = 1;
    public const int LayoutFlatPlain = 0;
    public const int LayoutFlatInline = 2;
    public const int CompactInodeSize = 32;
    public const int ExtendedInodeSize = 64;
    public const int FormatVersionBit = 0x1;
    public const int FormatLayoutShift = 1;
    public const int FormatLayoutMask = 0x7;

    /// <summary>The i_format bits a reader understands (version and layout); any other bit set means a format we do not know.</summary>
    public const int FormatKnownBits = 0xF;

    // Block sizes a reader accepts (the kernel's range: 512 bytes to 64 KiB).
    public const int MinBlockSizeBits = 9;
    public const int MaxBlockSizeBits = 16;

    // The inline xattr header: h_shared_count at byte 4, then 4-byte shared xattr ids.
    public const int XattrSharedCountOffset = 4;
    public const int SharedXattrIdSize = 4;

    // Dirents: nameoff at byte 8; names are at most 255 bytes.
    public const int DirentNameOffset = 8;
    public const int MaxNameLength = 255;

    // Inode field offsets shared by both versions.
    public const int InFormat = 0x00;
    public const int InXattrCount = 0x02;
    public const int InMode = 0x04;
    public const int InUnion = 0x10;
    public const int InIno = 0x14;

    // struct erofs_inode_compact.
    public const int CompactNlink = 0x06;
    public const int CompactSize = 0x08;
    public const int CompactUid = 0x18;
    public const int CompactGid = 0x1A;

    // struct erofs_inode_extended.
    public const int ExtendedSize = 0x08;
    public const int ExtendedUid = 0x18;
    public const int ExtendedGid = 0x1C;
    public const int ExtendedMtime = 0x20;
    public const int ExtendedMtimeNanoseconds = 0x28;
    public const int ExtendedNlink = 0x2C;

    /// <summary>The i_u block address of an inline-only inode that owns no data blocks (NULL_ADDR).</summary>
    public const uint NullAddress = 0xFFFFFFFF;

    /// <summary>struct erofs_dirent: nid (le64), nameoff (le16), file_type (u8), reserved (u8).</summary>
    public const int DirentSize = 12;

    // File type codes of dirents (the kernel's fs_types.c FT_* values).
    public const byte FileTypeRegular = 1;
    public const byte FileTypeDirectory = 2;
    public const byte FileTypeCharacterDevice = 3;
    public const byte FileTypeBlockDevice = 4;
    public const byte FileTypeFifo = 5;
    public const byte FileTypeSocket = 6;
    public const byte FileTypeSymbolicLink = 7;

    /// <summary>struct erofs_xattr_ibody_header: reserved/name filter (le32), shared count (u8), 7 reserved.</summary>
    public const int XattrBodyHeaderSize = 12;

    /// <summary>struct erofs_xattr_entry: name length (u8), name index (u8), value size (le16), then name and value.</summary>
    public const int XattrEntryHeaderSize = 4;
    public const int XattrAlignment = 4;
}
