using Basalt.IO;

namespace Basalt.Imaging.Verity;

/// <summary>
/// Writes a dm-verity hash device exactly as <c>veritysetup format</c> does (superblock v1, SHA-256,
/// 4 KiB blocks, hash type 1), streaming the data once: it is read in batches, each batch hashed in
/// parallel while the next is read, and hash blocks are written as soon as they fill.
/// </summary>
public static class VerityFormatter
{
    // 1 MiB per read: enough to keep both cores hashing (16 work items of 64 blocks) while the next batch is read, and
    // small enough that the two batch buffers stay a small part of a build's peak memory (they were 2 x 8 MiB).
    private const int BatchBlocks = 256;

    /// <summary>Formats <paramref name="hashPath"/> for <paramref name="dataPath"/>. When both name the same
    /// file the tree is appended at <see cref="VerityOptions.HashOffset"/>; otherwise the hash file is
    /// replaced atomically (written under a temporary name, then renamed).</summary>
    public static async Task<VerityFormatResult> FormatAsync(string dataPath, string hashPath, VerityOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sameFile = string.Equals(Path.GetFullPath(dataPath), Path.GetFullPath(hashPath), StringComparison.Ordinal);
        var data = new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (data.ConfigureAwait(false))
        {
            // Appending to the data file: what lies past the hash offset (an earlier tree) is not data.
            var dataLength = sameFile ? Math.Min(data.Length, options.HashOffset) : data.Length;
            var dataBlocks = ResolveDataBlocks(options, dataLength, dataPath);
            if (sameFile && options.HashOffset < dataBlocks * VerityLayout.BlockSize)
            {
                throw new ArgumentException($"Hash offset {options.HashOffset} overlaps the {dataBlocks} data blocks of '{dataPath}'.", nameof(options));
            }

            var target = sameFile ? hashPath : hashPath + ".tmp-" + Environment.ProcessId;
            try
            {
                VerityFormatResult result;
                var hash = new FileStream(target, sameFile ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1);
                await using (hash.ConfigureAwait(false))
                {
                    result = await FormatCoreAsync(dataBlocks, hash, options, HashStreamAsync(data, dataBlocks, options.Salt, dataPath), cancellationToken).ConfigureAwait(false);
                }

                if (!sameFile)
                {
                    File.Move(target, hashPath, overwrite: true);
                }

                return result;
            }
            catch when (!sameFile)
            {
                File.Delete(target);
                throw;
            }
        }
    }

    /// <summary>Formats from a readable data stream into a seekable hash stream; the superblock goes to
    /// <see cref="VerityOptions.HashOffset"/> of <paramref name="hash"/>.</summary>
    public static Task<VerityFormatResult> FormatAsync(Stream data, long dataBlocks, Stream hash, VerityOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return FormatCoreAsync(dataBlocks, hash, options, HashStreamAsync(data, dataBlocks, options.Salt, "data stream"), cancellationToken);
    }

    /// <summary>Writes the hash device to <paramref name="hashPath"/> (replaced atomically) from digests gathered while the
    /// data was written, without reading the data. The options' salt must be the one the digests were made with.</summary>
    public static async Task<VerityFormatResult> FormatAsync(VerityDataDigests digests, string hashPath, VerityOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hashPath);
        using var output = AtomicOutput.CreateFile(hashPath);
        var result = await FormatAsync(digests, output.Stream, options, cancellationToken).ConfigureAwait(false);
        output.Commit();
        return result;
    }

    /// <summary>As above, into a seekable hash stream (the superblock at <see cref="VerityOptions.HashOffset"/>).</summary>
    public static Task<VerityFormatResult> FormatAsync(VerityDataDigests digests, Stream hash, VerityOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digests);
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!options.Salt.AsSpan().SequenceEqual(digests.Salt))
        {
            throw new ArgumentException("The verity options' salt differs from the salt the data digests were made with.", nameof(options));
        }

        var levelZero = digests.Complete();
        if (options.DataBlocks is { } blocks && blocks != digests.BlockCount)
        {
            throw new ArgumentException($"The options ask for {blocks} data blocks; {digests.BlockCount} were written.", nameof(options));
        }

        return FormatCoreAsync(digests.BlockCount, hash, options, (builder, _) => { builder.AddDataDigests(levelZero.Span); return Task.CompletedTask; },
            cancellationToken);
    }

    /// <summary>Feeds the tree with the digests of <paramref name="dataBlocks"/> blocks read from <paramref name="data"/>.</summary>
    private static Func<VerityTreeBuilder, CancellationToken, Task> HashStreamAsync(Stream data, long dataBlocks, byte[] salt, string dataName)
        => async (builder, cancellationToken) =>
        {
            await foreach (var (_, blocks, digests) in HashDataAsync(data, dataBlocks, salt, dataName, cancellationToken).ConfigureAwait(false))
            {
                builder.AddDataDigests(digests.AsSpan(0, blocks * VerityLayout.DigestSize));
            }
        };

    private static async Task<VerityFormatResult> FormatCoreAsync(long dataBlocks, Stream hash, VerityOptions options, Func<VerityTreeBuilder, CancellationToken, Task> feed,
        CancellationToken cancellationToken)
    {
        var geometry = new VerityGeometry(dataBlocks, options.HashOffset);
        var superblock = new VeritySuperblock(options.Uuid, dataBlocks, options.Salt.ToArray());
        var header = new byte[VerityLayout.BlockSize];
        superblock.Encode().CopyTo(header, 0);
        hash.Position = options.HashOffset;
        await hash.WriteAsync(header, cancellationToken).ConfigureAwait(false);

        using var builder = new VerityTreeBuilder(geometry, superblock.Salt, (level, index, block) =>
        {
            hash.Position = geometry.LevelBlockOffset(level, index);
            hash.Write(block);
        });

        await feed(builder, cancellationToken).ConfigureAwait(false);

        var root = builder.Complete();
        var end = options.HashOffset + geometry.HashAreaSize;
        if (hash.Length < end)
        {
            hash.SetLength(end);
        }

        await hash.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new VerityFormatResult(root, superblock, geometry.HashBlocks, hash.Length);
    }

    internal static long ResolveDataBlocks(VerityOptions options, long dataLength, string dataPath)
    {
        var available = dataLength / VerityLayout.BlockSize;
        var blocks = options.DataBlocks ?? available;
        if (blocks <= 0 || blocks > available)
        {
            throw new InvalidDataException($"Data file '{dataPath}' has {dataLength} bytes: {available} whole 4096-byte blocks, but {blocks} are needed.");
        }

        return blocks;
    }

    /// <summary>Reads <paramref name="dataBlocks"/> blocks in batches and yields each batch with its digests;
    /// the next batch is read while the current one is hashed and consumed.</summary>
    internal static async IAsyncEnumerable<(byte[] Buffer, int Blocks, byte[] Digests)> HashDataAsync(Stream data, long dataBlocks, byte[] salt, string name,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffers = new[] { new byte[BatchBlocks * VerityLayout.BlockSize], new byte[BatchBlocks * VerityLayout.BlockSize] };
        var digests = new byte[BatchBlocks * VerityLayout.DigestSize];
        var remaining = dataBlocks;
        var current = 0;
        var pending = ReadBatchAsync(data, buffers[current], remaining, name, cancellationToken);
        while (true)
        {
            var blocks = await pending.ConfigureAwait(false);
            if (blocks == 0)
            {
                yield break;
            }

            remaining -= blocks;
            var buffer = buffers[current];
            current ^= 1;
            pending = ReadBatchAsync(data, buffers[current], remaining, name, cancellationToken);
            VerityBlockHasher.HashBlocks(salt, buffer, blocks, digests);
            yield return (buffer, blocks, digests);
        }
    }

    private static async Task<int> ReadBatchAsync(Stream data, byte[] buffer, long remaining, string name, CancellationToken cancellationToken)
    {
        var blocks = (int)Math.Min(remaining, BatchBlocks);
        if (blocks == 0)
        {
            return 0;
        }

        var wanted = blocks * VerityLayout.BlockSize;
        var read = await data.ReadAtLeastAsync(buffer.AsMemory(0, wanted), wanted, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < wanted)
        {
            throw new InvalidDataException($"'{name}' ended early: {wanted - read} bytes missing from the data blocks.");
        }

        return blocks;
    }
}
