namespace Basalt.Imaging.Verity;

/// <summary>
/// Where each hash tree level lives, computed as veritysetup does: the number of levels is the smallest
/// L with ceil(blocks / 128^L) == 1; level 0 (digests of data blocks) is stored last and the top level
/// first, right after the superblock block.
/// </summary>
internal sealed class VerityGeometry
{
    public VerityGeometry(long dataBlocks, long hashOffset)
    {
        if (dataBlocks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dataBlocks), dataBlocks, "dm-verity needs at least one data block.");
        }

        DataBlocks = dataBlocks;
        HashOffset = hashOffset;
        var levels = 0;
        while (levels * VerityLayout.DigestsPerBlockBits < 63 && ((dataBlocks - 1) >> (levels * VerityLayout.DigestsPerBlockBits)) != 0)
        {
            levels++;
        }

        LevelBlocks = new long[levels];
        LevelStart = new long[levels];
        var position = 1L; // block 0 of the hash area is the superblock
        for (var level = levels - 1; level >= 0; level--)
        {
            var shift = (level + 1) * VerityLayout.DigestsPerBlockBits;
            LevelBlocks[level] = shift >= 63 ? 1 : ((dataBlocks - 1) >> shift) + 1;
            LevelStart[level] = position;
            position += LevelBlocks[level];
        }

        HashBlocks = position - 1;
    }

    public long DataBlocks { get; }

    public long HashOffset { get; }

    public int Levels => LevelBlocks.Length;

    /// <summary>Blocks in each level (index 0 = digests of data blocks).</summary>
    public long[] LevelBlocks { get; }

    /// <summary>First block of each level, counted in hash blocks from the hash offset.</summary>
    public long[] LevelStart { get; }

    /// <summary>Hash blocks after the superblock.</summary>
    public long HashBlocks { get; }

    /// <summary>Bytes from the hash offset to the end of the tree (superblock included).</summary>
    public long HashAreaSize => checked((HashBlocks + 1) * VerityLayout.BlockSize);

    public long LevelBlockOffset(int level, long index) => checked(HashOffset + ((LevelStart[level] + index) * VerityLayout.BlockSize));
}
