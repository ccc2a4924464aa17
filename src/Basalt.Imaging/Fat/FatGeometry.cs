using static Basalt.Imaging.Fat.FatLayout;

namespace Basalt.Imaging.Fat;

/// <summary>
/// The sizes of a FAT32 volume: cluster size from the fatgen103 table (section 3.5, "FAT32 DskTableFAT32"),
/// the FAT size as the smallest that maps every cluster (rather than the spec's closed-form
/// over-estimate), and the resulting cluster count, which must reach the FAT32 minimum of 65525.
/// </summary>
public sealed record FatGeometry(long TotalSectors, int SectorsPerCluster, long FatSectors, long ClusterCount)
{
    public int ClusterBytes => SectorsPerCluster * SectorSize;

    public long FirstDataSector => ReservedSectors + (FatCount * FatSectors);

    public long ClusterOffset(long cluster) => (FirstDataSector + ((cluster - 2) * SectorsPerCluster)) * SectorSize;

    /// <summary>The smallest volume we write: 65525 one-sector clusters plus reserved sectors and two FATs.</summary>
    public static long MinimumSizeBytes { get; } = ComputeMinimum();

    public static FatGeometry FromSize(long sizeBytes)
    {
        if (sizeBytes % SectorSize != 0 || sizeBytes <= 0)
        {
            throw new ArgumentException($"FAT volume size {sizeBytes} must be a positive multiple of {SectorSize} bytes.");
        }

        var totalSectors = sizeBytes / SectorSize;
        if (totalSectors > uint.MaxValue)
        {
            throw new ArgumentException($"FAT volume size {sizeBytes} exceeds the 32-bit sector count FAT32 can record (2 TiB).");
        }

        var spc = totalSectors switch
        {
            <= 532_480 => 1,        // up to 260 MB: 512-byte clusters
            <= 16_777_216 => 8,     // up to 8 GB: 4 KiB
            <= 33_554_432 => 16,    // up to 16 GB: 8 KiB
            <= 67_108_864 => 32,    // up to 32 GB: 16 KiB
            _ => 64,                // larger: 32 KiB
        };
        var geometry = Compute(totalSectors, spc);
        if (geometry.ClusterCount < MinFat32Clusters)
        {
            throw new ArgumentException(
                $"FAT volume size {sizeBytes} bytes is too small for FAT32: it gives {geometry.ClusterCount} clusters and FAT32 needs at least {MinFat32Clusters}; use at least {MinimumSizeBytes} bytes (about 33 MiB).");
        }

        return geometry;
    }

    private static FatGeometry Compute(long totalSectors, int spc)
    {
        // The smallest FAT that maps every cluster left after the FATs themselves: the sectors a FAT needs
        // only shrink as the FAT grows, so binary search finds the least size with needed ≤ size.
        long Clusters(long fatSectors) => Math.Min(Math.Max(0, (totalSectors - ReservedSectors - (FatCount * fatSectors)) / spc), MaxFat32Clusters);
        long Needed(long fatSectors) => (((Clusters(fatSectors) + 2) * 4) + SectorSize - 1) / SectorSize;
        long low = 1, high = Math.Max(1, Needed(1));
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (Needed(middle) <= middle)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return new FatGeometry(totalSectors, spc, low, Clusters(low));
    }

    private static long ComputeMinimum()
    {
        var sectors = MinFat32Clusters + ReservedSectors;
        while (Compute(sectors, 1).ClusterCount < MinFat32Clusters)
        {
            sectors++;
        }

        return sectors * SectorSize;
    }
}
