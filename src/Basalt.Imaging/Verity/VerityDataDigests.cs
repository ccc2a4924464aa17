using Basalt.Imaging.Blocks;

namespace Basalt.Imaging.Verity;

/// <summary>
/// The level-0 digests of a dm-verity hash tree, H(salt || block) for every data block, gathered while the data is
/// written: hand it to the writer as its <see cref="IBlockObserver"/>, then to <see cref="VerityFormatter"/>, and the
/// data is never read back. Blocks may arrive in any order and from several threads, each block exactly once.
/// </summary>
public sealed class VerityDataDigests : IBlockObserver
{
    // 32 bytes per 4 KiB block: one array holds the digests of a data device of up to 256 GiB.
    private const long MaxBlocks = int.MaxValue / VerityLayout.DigestSize;
    private readonly byte[] _salt;
    private byte[]? _digests;
    private long _seen;

    public VerityDataDigests(ReadOnlySpan<byte> salt)
    {
        if (salt.Length > VerityLayout.MaxSaltSize)
        {
            throw new ArgumentException($"A verity salt is at most {VerityLayout.MaxSaltSize} bytes, not {salt.Length}.", nameof(salt));
        }

        _salt = salt.ToArray();
    }

    /// <summary>The number of data blocks, known once the writer has begun.</summary>
    public long BlockCount { get; private set; }

    public void Begin(long blockCount, int blockSize)
    {
        if (_digests is not null)
        {
            throw new InvalidOperationException("The verity digests have already been given an image.");
        }

        if (blockSize != VerityLayout.BlockSize)
        {
            throw new ArgumentException($"dm-verity here hashes {VerityLayout.BlockSize}-byte blocks; the image has {blockSize}-byte blocks.", nameof(blockSize));
        }

        if (blockCount <= 0 || blockCount > MaxBlocks)
        {
            throw new ArgumentOutOfRangeException(nameof(blockCount), blockCount, $"The data must have between 1 and {MaxBlocks} blocks.");
        }

        BlockCount = blockCount;
        _digests = new byte[blockCount * VerityLayout.DigestSize];
    }

    public void Blocks(long firstBlock, ReadOnlySpan<byte> data)
    {
        var digests = _digests ?? throw new InvalidOperationException("Blocks arrived before the image began.");
        if (data.Length % VerityLayout.BlockSize != 0)
        {
            throw new ArgumentException($"{data.Length} bytes are not whole {VerityLayout.BlockSize}-byte blocks.", nameof(data));
        }

        var count = data.Length / VerityLayout.BlockSize;
        if (firstBlock < 0 || firstBlock + count > BlockCount)
        {
            throw new ArgumentOutOfRangeException(nameof(firstBlock), firstBlock, $"Blocks {firstBlock}..{firstBlock + count} lie outside the {BlockCount}-block data.");
        }

        VerityBlockHasher.HashSequential(_salt, data, digests.AsSpan((int)(firstBlock * VerityLayout.DigestSize), count * VerityLayout.DigestSize));
        Interlocked.Add(ref _seen, count);
    }

    /// <summary>The digests in block order, once every block has been seen exactly once in number.</summary>
    internal ReadOnlyMemory<byte> Complete()
    {
        var digests = _digests ?? throw new InvalidOperationException("No image was written through the verity digests.");
        var seen = Interlocked.Read(ref _seen);
        if (seen != BlockCount)
        {
            // A writer that skips or repeats a block would give a root hash that does not match the device.
            throw new InvalidOperationException($"The writer showed {seen} blocks of a {BlockCount}-block image to the verity digests.");
        }

        return digests;
    }

    internal byte[] Salt => _salt;
}
