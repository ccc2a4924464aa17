using System.Buffers.Binary;
using System.Text;
using static Basalt.Imaging.Fat.FatLayout;

namespace Basalt.Imaging.Fat;

/// <summary>The FAT32 boot sector with its BPB (fatgen103 section 3) and the FSInfo sector (section 5).</summary>
internal static class FatBootSector
{
    public static byte[] Build(FatGeometry geometry, FatOptions options, byte[] label11)
    {
        var sector = new byte[SectorSize];
        var span = sector.AsSpan();
        span[0] = 0xEB; span[1] = 0x58; span[2] = 0x90; // short jump over the BPB, as the spec requires
        // 32 sectors per track and 64 heads, as mkfs.fat uses for images: MiB-sized volumes are then whole
        // tracks, which mtools checks.
        Encoding.ASCII.GetBytes("MSWIN4.1", span[OemNameOffset..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[BytesPerSectorOffset..], SectorSize);
        span[SectorsPerClusterOffset] = (byte)geometry.SectorsPerCluster;
        BinaryPrimitives.WriteUInt16LittleEndian(span[ReservedSectorsOffset..], ReservedSectors);
        span[FatCountOffset] = FatCount;
        span[MediaOffset] = Media;
        BinaryPrimitives.WriteUInt16LittleEndian(span[SectorsPerTrackOffset..], 32);
        BinaryPrimitives.WriteUInt16LittleEndian(span[HeadsOffset..], 64);
        BinaryPrimitives.WriteUInt32LittleEndian(span[HiddenSectorsOffset..], options.HiddenSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(span[TotalSectors32Offset..], (uint)geometry.TotalSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(span[FatSize32Offset..], (uint)geometry.FatSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(span[RootClusterOffset..], RootCluster);
        BinaryPrimitives.WriteUInt16LittleEndian(span[FsInfoOffset..], FsInfoSector);
        BinaryPrimitives.WriteUInt16LittleEndian(span[BackupBootOffset..], BackupBootSector);
        span[DriveNumberOffset] = 0x80;
        span[BootSignatureOffset] = 0x29;
        BinaryPrimitives.WriteUInt32LittleEndian(span[VolumeIdOffset..], options.VolumeId);
        label11.CopyTo(span[VolumeLabelOffset..]);
        Encoding.ASCII.GetBytes("FAT32   ", span[FileSystemTypeOffset..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[SignatureOffset..], 0xAA55);
        return sector;
    }

    public static byte[] BuildFsInfo(long freeClusters, long nextFree)
    {
        var sector = new byte[SectorSize];
        var span = sector.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, FsInfoLeadSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(span[FsInfoStructOffset..], FsInfoStructSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(span[FsInfoFreeCountOffset..], (uint)freeClusters);
        BinaryPrimitives.WriteUInt32LittleEndian(span[FsInfoNextFreeOffset..], (uint)nextFree);
        BinaryPrimitives.WriteUInt32LittleEndian(span[FsInfoTrailOffset..], FsInfoTrailSignature);
        return sector;
    }
}
