using System.Security.Cryptography;

namespace Basalt.Imaging.Verity;

/// <summary>
/// Computes dm-verity digests, H(salt || block), for runs of 4 KiB blocks; large runs are split across
/// cores because hashing, not reading, bounds verity on a warm page cache.
/// </summary>
internal static class VerityBlockHasher
{
    /// <summary>Blocks per parallel work item: large enough to amortise scheduling, small enough to balance.</summary>
    private const int BlocksPerPartition = 64;

    public static void HashBlock(IncrementalHash hash, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> block, Span<byte> digest)
    {
        hash.AppendData(salt);
        hash.AppendData(block);
        hash.GetHashAndReset(digest);
    }

    /// <summary>Writes the digests of <paramref name="blockCount"/> consecutive blocks of <paramref name="data"/> into <paramref name="digests"/>.</summary>
    public static void HashBlocks(byte[] salt, byte[] data, int blockCount, byte[] digests)
    {
        var partitions = (blockCount + BlocksPerPartition - 1) / BlocksPerPartition;
        if (partitions <= 1 || Environment.ProcessorCount == 1)
        {
            HashRange(salt, data, digests, 0, blockCount);
            return;
        }

        Parallel.For(0, partitions, partition =>
        {
            var first = partition * BlocksPerPartition;
            HashRange(salt, data, digests, first, Math.Min(blockCount, first + BlocksPerPartition));
        });
    }

    /// <summary>One-shot SHA-256 over a [salt | block] buffer: one native call per block instead of three.</summary>
    private static void HashRange(byte[] salt, byte[] data, byte[] digests, int first, int end)
        => HashSequential(salt, data.AsSpan(first * VerityLayout.BlockSize, (end - first) * VerityLayout.BlockSize),
            digests.AsSpan(first * VerityLayout.DigestSize, (end - first) * VerityLayout.DigestSize));

    /// <summary>Writes the digests of the whole blocks of <paramref name="data"/> into <paramref name="digests"/>, on this thread.</summary>
    public static void HashSequential(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> data, Span<byte> digests)
    {
        var input = t_input is { } cached && cached.Length == salt.Length + VerityLayout.BlockSize ? cached : new byte[salt.Length + VerityLayout.BlockSize];
        t_input = input;
        salt.CopyTo(input);
        var block = input.AsSpan(salt.Length);
        var count = data.Length / VerityLayout.BlockSize;
        for (var i = 0; i < count; i++)
        {
            data.Slice(i * VerityLayout.BlockSize, VerityLayout.BlockSize).CopyTo(block);
            SHA256.HashData(input, digests.Slice(i * VerityLayout.DigestSize, VerityLayout.DigestSize));
        }
    }

    // One [salt | block] buffer per thread: writers hash from several threads at once.
    [ThreadStatic]
    private static byte[]? t_input;
}
