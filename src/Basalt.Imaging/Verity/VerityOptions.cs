namespace Basalt.Imaging.Verity;

/// <summary>Parameters of a dm-verity hash tree (SHA-256, 4 KiB data and hash blocks, hash type 1).</summary>
public sealed record VerityOptions
{
    /// <summary>The salt (0 to 256 bytes). Builds derive it from a seed so the root hash is reproducible.</summary>
    public required byte[] Salt { get; init; }

    /// <summary>The UUID recorded in the superblock.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>Byte offset of the superblock in the hash file (veritysetup --hash-offset); used to append the tree to the data file.</summary>
    public long HashOffset { get; init; }

    /// <summary>Number of data blocks to protect; by default the whole 4 KiB blocks of the data (veritysetup --data-blocks).</summary>
    public long? DataBlocks { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Salt);
        if (Salt.Length > VerityLayout.MaxSaltSize)
        {
            throw new ArgumentException($"Verity salt is {Salt.Length} bytes; the limit is {VerityLayout.MaxSaltSize}.", nameof(Salt));
        }

        if (HashOffset < 0 || HashOffset % 512 != 0)
        {
            throw new ArgumentException($"Verity hash offset {HashOffset} must be a non-negative multiple of 512.", nameof(HashOffset));
        }

        if (DataBlocks is <= 0)
        {
            throw new ArgumentException($"Verity data block count {DataBlocks} must be positive.", nameof(DataBlocks));
        }
    }
}

/// <summary>What <see cref="VerityFormatter"/> wrote.</summary>
/// <param name="RootHash">The SHA-256 root hash to pass to the kernel (roothash= or veritysetup open).</param>
/// <param name="Superblock">The superblock written at the hash offset.</param>
/// <param name="HashBlocks">Hash tree blocks after the superblock.</param>
/// <param name="HashDeviceSize">The size of the hash file when formatting finished.</param>
public sealed record VerityFormatResult(byte[] RootHash, VeritySuperblock Superblock, long HashBlocks, long HashDeviceSize)
{
    /// <summary>The root hash in lower-case hexadecimal, as veritysetup prints it.</summary>
    public string RootHashHex => Convert.ToHexStringLower(RootHash);
}
