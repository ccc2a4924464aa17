namespace Basalt.Imaging.Disk;

/// <summary>
/// Copies a stream into a seekable destination, seeking over all-zero blocks instead of writing them, so
/// a destination file that was extended with SetLength keeps holes there (sparse, where the file system
/// supports it). The destination must already read as zeros in the skipped ranges.
/// </summary>
internal static class SparseCopy
{
    public const int BlockSize = 64 * 1024;
    private const int BufferSize = 1024 * 1024;

    /// <summary>Copies exactly <paramref name="length"/> bytes from <paramref name="source"/> to <paramref name="destination"/> at <paramref name="offset"/>.</summary>
    public static Task CopyAsync(Stream source, Stream destination, long offset, long length, string what, CancellationToken cancellationToken)
        => CopyAsync(source, destination, offset, length, what, hash: null, cancellationToken);

    /// <summary>
    /// Copies as above and hands every chunk copied (zero blocks included) to <paramref name="hash"/>. Each chunk gets its own
    /// pooled buffer, which the hash returns when it has hashed it, so the next chunk is copied while this one is hashed.
    /// </summary>
    public static async Task CopyAsync(Stream source, Stream destination, long offset, long length, string what, DiskHash? hash,
        CancellationToken cancellationToken)
    {
        var buffer = hash is null ? System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize) : null;
        try
        {
            var done = 0L;
            while (done < length)
            {
                var want = (int)Math.Min(BufferSize, length - done);
                buffer ??= System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
                var got = await source.ReadAtLeastAsync(buffer.AsMemory(0, want), want, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (got < want)
                {
                    throw new InvalidDataException($"{what}: the content ended after {done + got} bytes; {length} were promised.");
                }

                await WriteSparseAsync(destination, offset + done, buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                if (hash is not null)
                {
                    // The hash owns the buffer from here on, also when it throws.
                    var handed = buffer;
                    buffer = null;
                    await hash.AppendPooledAsync(offset + done, handed, want, cancellationToken).ConfigureAwait(false);
                }

                done += want;
            }
        }
        finally
        {
            if (buffer is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Writes the non-zero runs of <paramref name="data"/> (in 64 KiB blocks) at <paramref name="offset"/>.</summary>
    public static async Task WriteSparseAsync(Stream destination, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var position = 0;
        while (position < data.Length)
        {
            // Skip zero blocks, then gather a run of non-zero blocks and write it in one call.
            while (position < data.Length && IsZero(data.Span.Slice(position, Math.Min(BlockSize, data.Length - position))))
            {
                position += Math.Min(BlockSize, data.Length - position);
            }

            var start = position;
            while (position < data.Length && !IsZero(data.Span.Slice(position, Math.Min(BlockSize, data.Length - position))))
            {
                position += Math.Min(BlockSize, data.Length - position);
            }

            if (position > start)
            {
                destination.Position = offset + start;
                await destination.WriteAsync(data[start..position], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static bool IsZero(ReadOnlySpan<byte> block) => !block.ContainsAnyExcept((byte)0);
}
