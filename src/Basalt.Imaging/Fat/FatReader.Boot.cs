using System.Buffers.Binary;
using System.Text;
using static Basalt.Imaging.Fat.FatReaderLayout;

namespace Basalt.Imaging.Fat;

public sealed partial class FatReader
{
    private readonly BootParameters _boot;

    /// <summary>
    /// The geometry derived from the BPB (fatgen103 section 3.5): the FAT type follows from the cluster count only.
    /// Offsets are bytes from the start of the volume. <see cref="RootCluster"/> is 0 for FAT12/16, whose root
    /// directory is the fixed region at <see cref="RootDirectoryOffset"/>.
    /// </summary>
    private sealed record BootParameters(FatType Type, int BytesPerSector, int ClusterBytes, long ClusterCount, long FatOffset, long FatBytes,
        long RootDirectoryOffset, int RootDirectoryBytes, uint RootCluster, long DataOffset, string? Label);

    private static bool TryReadBootParameters(Stream volume, string name, out BootParameters boot)
    {
        boot = null!;
        var sector = new byte[512];
        if (volume.Length < sector.Length)
        {
            return false;
        }

        ReadAt(volume, 0, sector, name, "boot sector");
        var span = sector.AsSpan();
        var bytesPerSector = BinaryPrimitives.ReadUInt16LittleEndian(span[BytesPerSectorOffset..]);
        var sectorsPerCluster = span[SectorsPerClusterOffset];
        if (BinaryPrimitives.ReadUInt16LittleEndian(span[SignatureOffset..]) != Signature
            || bytesPerSector is not (512 or 1024 or 2048 or 4096)
            || sectorsPerCluster == 0 || (sectorsPerCluster & (sectorsPerCluster - 1)) != 0 || span[0] is not (0xEB or 0xE9))
        {
            return false;
        }

        long reserved = BinaryPrimitives.ReadUInt16LittleEndian(span[ReservedSectorsOffset..]);
        long fats = span[FatCountOffset];
        long rootEntries = BinaryPrimitives.ReadUInt16LittleEndian(span[RootEntryCountOffset..]);
        long fatSize = BinaryPrimitives.ReadUInt16LittleEndian(span[FatSize16Offset..]);
        fatSize = fatSize != 0 ? fatSize : BinaryPrimitives.ReadUInt32LittleEndian(span[FatSize32Offset..]);
        long totalSectors = BinaryPrimitives.ReadUInt16LittleEndian(span[TotalSectors16Offset..]);
        totalSectors = totalSectors != 0 ? totalSectors : BinaryPrimitives.ReadUInt32LittleEndian(span[TotalSectors32Offset..]);
        if (reserved == 0 || fats == 0 || fatSize == 0 || totalSectors == 0)
        {
            throw new InvalidDataException($"{name}: BIOS parameter block at offset 0 has {reserved} reserved sectors, {fats} FATs of {fatSize} sectors and {totalSectors} sectors in all; none may be zero.");
        }

        // Everything below is at most 2^32 sectors of 4 KiB, so 64-bit arithmetic cannot overflow.
        var rootSectors = ((rootEntries * EntrySize) + bytesPerSector - 1) / bytesPerSector;
        var firstDataSector = reserved + (fats * fatSize) + rootSectors;
        if (firstDataSector >= totalSectors)
        {
            throw new InvalidDataException($"{name}: BIOS parameter block at offset 0 puts the data region at sector {firstDataSector}, past the {totalSectors}-sector volume.");
        }

        var volumeBytes = totalSectors * bytesPerSector;
        if (volumeBytes > volume.Length)
        {
            throw new InvalidDataException($"{name}: the boot sector describes a {volumeBytes}-byte volume, but only {volume.Length} bytes are there.");
        }

        var clusterCount = (totalSectors - firstDataSector) / sectorsPerCluster;
        var type = clusterCount < MaxFat12Clusters ? FatType.Fat12 : clusterCount < MaxFat16Clusters ? FatType.Fat16 : FatType.Fat32;
        var fatBytesNeeded = type switch
        {
            FatType.Fat12 => ((clusterCount + FirstCluster) * 3 + 1) / 2,
            FatType.Fat16 => (clusterCount + FirstCluster) * 2,
            _ => (clusterCount + FirstCluster) * 4,
        };
        if (fatSize * bytesPerSector < fatBytesNeeded)
        {
            throw new InvalidDataException($"{name}: a FAT of {fatSize} sectors cannot map the volume's {clusterCount} clusters ({fatBytesNeeded} bytes needed).");
        }

        uint rootCluster = 0;
        if (type == FatType.Fat32)
        {
            rootCluster = BinaryPrimitives.ReadUInt32LittleEndian(span[RootClusterOffset..]) & Fat32Mask;
            if (rootEntries != 0 || rootCluster < FirstCluster || rootCluster >= clusterCount + FirstCluster)
            {
                throw new InvalidDataException($"{name}: FAT32 root directory cluster {rootCluster} (offset {RootClusterOffset}) is outside clusters 2–{clusterCount + 1}, or the root entry count {rootEntries} is not 0.");
            }
        }
        else if (rootEntries == 0)
        {
            throw new InvalidDataException($"{name}: {type} volume with a root entry count of 0 (offset {RootEntryCountOffset}).");
        }

        var labelOffset = type == FatType.Fat32 ? Fat32VolumeLabelOffset : Fat16VolumeLabelOffset;
        var label = Encoding.ASCII.GetString(span.Slice(labelOffset, NameLength)).TrimEnd(' ', '\0');
        boot = new BootParameters(type, bytesPerSector, bytesPerSector * sectorsPerCluster, clusterCount, reserved * bytesPerSector, fatBytesNeeded,
            (reserved + (fats * fatSize)) * bytesPerSector, (int)(rootEntries * EntrySize), rootCluster, firstDataSector * bytesPerSector,
            label.Length == 0 || label == "NO NAME" ? null : label);
        return true;
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>, or throws naming what and where.</summary>
    private static void ReadAt(Stream volume, long offset, Span<byte> buffer, string name, string what)
    {
        if (offset < 0 || offset > volume.Length - buffer.Length)
        {
            throw new InvalidDataException($"{name}: {what} at offset {offset} ({buffer.Length} bytes) is beyond the {volume.Length}-byte volume.");
        }

        volume.Position = offset;
        var total = 0;
        while (total < buffer.Length)
        {
            var read = volume.Read(buffer[total..]);
            if (read == 0)
            {
                throw new InvalidDataException($"{name}: {what}: unexpected end of data at offset {offset + total}.");
            }

            total += read;
        }
    }
}
