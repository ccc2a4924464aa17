using System.Buffers.Binary;
using static Basalt.Imaging.Fat.FatReaderLayout;

namespace Basalt.Imaging.Fat;

public sealed partial class FatReader
{
    private const int FatBlockBytes = 64 * 1024;
    private const int MaxCachedFatBlocks = 256;
    private readonly Dictionary<long, byte[]> _fatBlocks = [];

    /// <summary>
    /// The byte ranges of a cluster chain, contiguous clusters merged, up to <paramref name="maxBytes"/>. A chain that
    /// revisits a cluster, leaves the data region, hits a free or bad cluster, or ends before <paramref name="maxBytes"/>
    /// when <paramref name="exact"/> is set, throws naming the cluster and the FAT entry's offset.
    /// </summary>
    private List<(long Offset, long Length)> ChainRuns(uint first, long maxBytes, bool exact, string what)
    {
        var runs = new List<(long Offset, long Length)>();
        if (maxBytes == 0)
        {
            return runs;
        }

        CheckCluster(first, what, $"first cluster of {what}");
        var visited = new HashSet<uint>();
        var remaining = maxBytes;
        var cluster = first;
        while (true)
        {
            if (!visited.Add(cluster))
            {
                throw new InvalidDataException($"{Name}: the cluster chain of {what} loops back to cluster {cluster} (FAT entry at offset {FatEntryOffset(cluster)}).");
            }

            var length = Math.Min(remaining, _boot.ClusterBytes);
            var offset = ClusterOffset(cluster);
            if (runs.Count > 0 && runs[^1].Offset + runs[^1].Length == offset)
            {
                runs[^1] = (runs[^1].Offset, runs[^1].Length + length);
            }
            else
            {
                runs.Add((offset, length));
            }

            remaining -= length;
            if (remaining == 0)
            {
                return runs;
            }

            var next = NextCluster(cluster, what);
            if (next == 0)
            {
                if (exact)
                {
                    throw new InvalidDataException($"{Name}: the cluster chain of {what} ends at cluster {cluster} after {maxBytes - remaining} of its {maxBytes} bytes.");
                }

                return runs;
            }

            cluster = next;
        }
    }

    /// <summary>The cluster after <paramref name="cluster"/>, or 0 at the end of the chain (fatgen103 section 4).</summary>
    private uint NextCluster(uint cluster, string what)
    {
        var value = ReadFatEntry(cluster);
        var bad = _boot.Type switch { FatType.Fat12 => Fat12Bad, FatType.Fat16 => Fat16Bad, _ => Fat32Bad };
        if (value > bad)
        {
            return 0;
        }

        if (value == bad)
        {
            throw new InvalidDataException($"{Name}: the cluster chain of {what} reaches cluster {cluster}, whose FAT entry at offset {FatEntryOffset(cluster)} marks the next one bad.");
        }

        CheckCluster(value, what, $"FAT entry of cluster {cluster} at offset {FatEntryOffset(cluster)}");
        return value;
    }

    private void CheckCluster(uint cluster, string what, string where)
    {
        if (cluster < FirstCluster || cluster >= _boot.ClusterCount + FirstCluster)
        {
            throw new InvalidDataException($"{Name}: {where} ({what}) names cluster {cluster}, outside the data clusters 2–{_boot.ClusterCount + 1}.");
        }
    }

    private long ClusterOffset(uint cluster) => _boot.DataOffset + ((long)(cluster - FirstCluster) * _boot.ClusterBytes);

    private long FatEntryOffset(uint cluster) => _boot.FatOffset + _boot.Type switch
    {
        FatType.Fat12 => cluster + (cluster / 2),
        FatType.Fat16 => cluster * 2L,
        _ => cluster * 4L,
    };

    // FAT12 packs two 12-bit entries into three bytes: even clusters take the low 12 bits of the 16-bit word at
    // n + n/2, odd clusters the high 12 (fatgen103 section 4). FAT32 entries use the low 28 bits only.
    private uint ReadFatEntry(uint cluster)
    {
        var index = FatEntryOffset(cluster) - _boot.FatOffset;
        return _boot.Type switch
        {
            FatType.Fat12 => (cluster & 1) == 0 ? (uint)(FatWord(index) & 0xFFF) : (uint)(FatWord(index) >> 4),
            FatType.Fat16 => FatWord(index),
            _ => (uint)(FatWord(index) | (FatWord(index + 2) << 16)) & Fat32Mask,
        };
    }

    private uint FatWord(long index) => (uint)(FatByte(index) | (FatByte(index + 1) << 8));

    private byte FatByte(long index)
    {
        var blockNumber = index / FatBlockBytes;
        if (!_fatBlocks.TryGetValue(blockNumber, out var block))
        {
            if (_fatBlocks.Count >= MaxCachedFatBlocks)
            {
                _fatBlocks.Clear();
            }

            var start = blockNumber * FatBlockBytes;
            block = new byte[Math.Min(FatBlockBytes, _boot.FatBytes - start)];
            ReadAt(_volume, _boot.FatOffset + start, block, Name, "FAT");
            _fatBlocks[blockNumber] = block;
        }

        return block[index % FatBlockBytes];
    }
}
