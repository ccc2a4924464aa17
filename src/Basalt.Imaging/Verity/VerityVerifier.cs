using System.Security.Cryptography;

namespace Basalt.Imaging.Verity;

/// <summary>
/// Checks data against a dm-verity hash device and a trusted root hash, as <c>veritysetup verify</c>
/// does. First the stored tree is authenticated top-down (root hash → top block → … → level 0 blocks),
/// so every stored digest is trusted; then the data streams through and each block's digest is compared
/// with its level-0 entry. The first mismatch is reported, naming the data block or hash block.
/// </summary>
public static class VerityVerifier
{
    private const int ChildBatchBlocks = 256;

    /// <exception cref="InvalidDataException">The hash file is not a supported verity hash device or is truncated.</exception>
    public static async Task<VerityVerificationResult> VerifyAsync(string dataPath, string hashPath, ReadOnlyMemory<byte> rootHash,
        long hashOffset = 0, CancellationToken cancellationToken = default)
    {
        if (rootHash.Length != VerityLayout.DigestSize)
        {
            throw new ArgumentException($"Root hash has {rootHash.Length} bytes; SHA-256 needs {VerityLayout.DigestSize}.", nameof(rootHash));
        }

        var hash = new FileStream(hashPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        await using (hash.ConfigureAwait(false))
        {
            var superblock = await ReadSuperblockAsync(hash, hashOffset, hashPath, cancellationToken).ConfigureAwait(false);
            var geometry = new VerityGeometry(superblock.DataBlocks, hashOffset);
            var needed = hashOffset + geometry.HashAreaSize;
            if (hash.Length < needed)
            {
                throw new InvalidDataException($"Hash file '{hashPath}' is truncated: {hash.Length} bytes, the tree for {superblock.DataBlocks} data blocks needs {needed}.");
            }

            var treeResult = await VerifyTreeAsync(hash, geometry, superblock.Salt, rootHash.ToArray(), cancellationToken).ConfigureAwait(false);
            if (!treeResult.IsValid)
            {
                return treeResult;
            }

            var data = new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
            await using (data.ConfigureAwait(false))
            {
                if (data.Length < superblock.DataBlocks * VerityLayout.BlockSize)
                {
                    throw new InvalidDataException($"Data file '{dataPath}' is truncated: {data.Length} bytes, the superblock of '{hashPath}' records {superblock.DataBlocks} blocks of 4096.");
                }

                return await VerifyDataAsync(data, hash, geometry, superblock.Salt, rootHash.ToArray(), dataPath, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads and validates the superblock at <paramref name="hashOffset"/>.</summary>
    public static async Task<VeritySuperblock> ReadSuperblockAsync(Stream hash, long hashOffset, string hashPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var block = new byte[VerityLayout.SuperblockSize];
        hash.Position = hashOffset;
        var read = await hash.ReadAtLeastAsync(block, block.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < block.Length)
        {
            throw new InvalidDataException($"Hash file '{hashPath}' is truncated: no {VerityLayout.SuperblockSize}-byte superblock at offset {hashOffset}.");
        }

        return VeritySuperblock.TryDecode(block, hashPath, out var superblock)
            ? superblock
            : throw new InvalidDataException($"Hash file '{hashPath}' has no verity superblock at offset {hashOffset} (signature 'verity' missing).");
    }

    private static async Task<VerityVerificationResult> VerifyTreeAsync(Stream hash, VerityGeometry geometry, byte[] salt, byte[] rootHash, CancellationToken cancellationToken)
    {
        if (geometry.Levels == 0)
        {
            return VerityVerificationResult.Valid; // the root hash is the digest of the single data block
        }

        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var digest = new byte[VerityLayout.DigestSize];
        var top = geometry.Levels - 1;
        var topBlock = await ReadBlocksAsync(hash, geometry.LevelBlockOffset(top, 0), 1, cancellationToken).ConfigureAwait(false);
        VerityBlockHasher.HashBlock(hasher, salt, topBlock, digest);
        if (!digest.AsSpan().SequenceEqual(rootHash))
        {
            return VerityVerificationResult.BadRoot(geometry.LevelBlockOffset(top, 0));
        }

        for (var level = top; level > 0; level--)
        {
            var childCount = geometry.LevelBlocks[level - 1];
            byte[] parent = [];
            for (long first = 0; first < childCount; first += ChildBatchBlocks)
            {
                var count = (int)Math.Min(ChildBatchBlocks, childCount - first);
                var children = await ReadBlocksAsync(hash, geometry.LevelBlockOffset(level - 1, first), count, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < count; i++)
                {
                    var child = first + i;
                    if (child % VerityLayout.DigestsPerBlock == 0)
                    {
                        parent = await ReadBlocksAsync(hash, geometry.LevelBlockOffset(level, child / VerityLayout.DigestsPerBlock), 1, cancellationToken).ConfigureAwait(false);
                    }

                    VerityBlockHasher.HashBlock(hasher, salt, children.AsSpan(i * VerityLayout.BlockSize, VerityLayout.BlockSize), digest);
                    var entry = (int)(child % VerityLayout.DigestsPerBlock) * VerityLayout.DigestSize;
                    if (!digest.AsSpan().SequenceEqual(parent.AsSpan(entry, VerityLayout.DigestSize)))
                    {
                        return VerityVerificationResult.BadHash(geometry.LevelBlockOffset(level - 1, child), level - 1);
                    }
                }
            }
        }

        return VerityVerificationResult.Valid;
    }

    private static async Task<VerityVerificationResult> VerifyDataAsync(Stream data, Stream hash, VerityGeometry geometry, byte[] salt, byte[] rootHash,
        string dataPath, CancellationToken cancellationToken)
    {
        long block = 0;
        await foreach (var (_, blocks, digests) in VerityFormatter.HashDataAsync(data, geometry.DataBlocks, salt, dataPath, cancellationToken).ConfigureAwait(false))
        {
            if (geometry.Levels == 0)
            {
                return digests.AsSpan(0, VerityLayout.DigestSize).SequenceEqual(rootHash) ? VerityVerificationResult.Valid : VerityVerificationResult.BadData(0);
            }

            // A batch starts on a multiple of 128 blocks, so its digests are consecutive level-0 hash blocks.
            var hashBlocks = (blocks + VerityLayout.DigestsPerBlock - 1) / VerityLayout.DigestsPerBlock;
            var stored = await ReadBlocksAsync(hash, geometry.LevelBlockOffset(0, block / VerityLayout.DigestsPerBlock), hashBlocks, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < blocks; i++)
            {
                if (!digests.AsSpan(i * VerityLayout.DigestSize, VerityLayout.DigestSize).SequenceEqual(stored.AsSpan(i * VerityLayout.DigestSize, VerityLayout.DigestSize)))
                {
                    return VerityVerificationResult.BadData(block + i);
                }
            }

            block += blocks;
        }

        return VerityVerificationResult.Valid;
    }

    private static async Task<byte[]> ReadBlocksAsync(Stream hash, long offset, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count * VerityLayout.BlockSize];
        hash.Position = offset;
        await hash.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }
}
