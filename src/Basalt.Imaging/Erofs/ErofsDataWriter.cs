using System.Buffers;
using Basalt.Imaging.Blocks;
using Basalt.Imaging.Tree;
using Microsoft.Win32.SafeHandles;

namespace Basalt.Imaging.Erofs;

/// <summary>
/// Writes the data area: every inode's whole blocks at its planned address (a plain inode's last partial
/// block zero padded). Addresses are known in advance, so files can be copied in parallel with positioned
/// writes; the sequential path writes the same bytes in address order for any stream. Every write is of whole
/// blocks, so an <see cref="IBlockObserver"/> can hash them as they pass.
/// </summary>
internal static class ErofsDataWriter
{
    private const int CopyBufferSize = 1 << 20;

    public static async Task WriteSequentialAsync(ErofsPlan plan, Stream output, IBlockObserver? observer, CancellationToken cancellationToken)
    {
        foreach (var inode in plan.Inodes)
        {
            if (inode.DataBlocks > 0)
            {
                await WriteInodeAsync(inode, (buffer, _, ct) => output.WriteAsync(buffer, ct), observer, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static async Task WriteParallelAsync(ErofsPlan plan, SafeFileHandle output, long origin, int parallelism, IBlockObserver? observer,
        CancellationToken cancellationToken)
    {
        var work = plan.Inodes.Where(inode => inode.DataBlocks > 0)
            .OrderByDescending(inode => inode.DataBlocks) // big files first keeps every worker busy to the end
            .ToArray();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (inode, ct) =>
            {
                var start = origin + ((long)inode.BlockAddress * ErofsLayout.BlockSize);
                await WriteInodeAsync(inode, (buffer, offset, token) => RandomAccess.WriteAsync(output, buffer, start + offset, token), observer, ct)
                    .ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>Copies the content's bytes from <paramref name="offset"/> to its end into <paramref name="destination"/>.</summary>
    public static async Task ReadTailAsync(RegularFileNode file, string path, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (file.Content.TryGetMemory(out var memory))
        {
            memory.Span[(int)offset..].CopyTo(destination.Span);
            return;
        }

        var stream = file.Content.OpenRead();
        await using (stream.ConfigureAwait(false))
        {
            if (stream.CanSeek)
            {
                stream.Position = offset;
            }
            else
            {
                await SkipAsync(stream, offset, path, cancellationToken).ConfigureAwait(false);
            }

            await ReadExactAsync(stream, destination, path, cancellationToken).ConfigureAwait(false);
            await EnsureEndAsync(stream, file.Length, path, cancellationToken).ConfigureAwait(false);
        }
    }

    private delegate ValueTask BlockWriter(ReadOnlyMemory<byte> buffer, long offset, CancellationToken cancellationToken);

    private static async Task WriteInodeAsync(ErofsInode inode, BlockWriter write, IBlockObserver? observer, CancellationToken cancellationToken)
    {
        // Writes whole blocks at an offset within the inode's data, then shows them to the observer.
        async ValueTask WriteBlocksAsync(ReadOnlyMemory<byte> blocks, long offset, CancellationToken token)
        {
            await write(blocks, offset, token).ConfigureAwait(false);
            observer?.Blocks(inode.BlockAddress + (offset / ErofsLayout.BlockSize), blocks.Span);
        }

        var length = inode.DataBlocks * ErofsLayout.BlockSize;
        switch (inode.Node)
        {
            case DirectoryNode:
            {
                var blocks = new byte[length];
                inode.Directory!.Encode(0, blocks);
                await WriteBlocksAsync(blocks, 0, cancellationToken).ConfigureAwait(false);
                break;
            }

            case SymbolicLinkNode:
            {
                var block = new byte[length];
                inode.SymlinkTarget!.CopyTo(block, 0);
                await WriteBlocksAsync(block, 0, cancellationToken).ConfigureAwait(false);
                break;
            }

            case RegularFileNode file:
                await CopyFileAsync(inode, file, WriteBlocksAsync, length, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"A {inode.Node.Kind} has no data blocks.");
        }
    }

    private static async Task CopyFileAsync(ErofsInode inode, RegularFileNode file, BlockWriter write, long length, CancellationToken cancellationToken)
    {
        // Bytes of content in the data area; for FLAT_INLINE the tail went to the metadata area. The last block's
        // padding is written with its content, so every write is of whole blocks.
        var contentBytes = Math.Min(inode.Size, length);
        if (file.Content.TryGetMemory(out var memory))
        {
            var whole = contentBytes / ErofsLayout.BlockSize * ErofsLayout.BlockSize;
            if (whole > 0)
            {
                await write(memory[..(int)whole], 0, cancellationToken).ConfigureAwait(false);
            }

            if (whole < length)
            {
                var last = new byte[ErofsLayout.BlockSize];
                memory[(int)whole..(int)contentBytes].CopyTo(last);
                await write(last, whole, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            var stream = file.Content.OpenRead();
            await using (stream.ConfigureAwait(false))
            {
                long done = 0;
                while (done < length)
                {
                    // CopyBufferSize is a whole number of blocks, so only the last chunk needs padding to a block boundary.
                    var chunk = (int)Math.Min(CopyBufferSize, contentBytes - done);
                    await ReadExactAsync(stream, buffer.AsMemory(0, chunk), inode.Path, cancellationToken).ConfigureAwait(false);
                    var padded = (int)Math.Min(CopyBufferSize, length - done);
                    buffer.AsSpan(chunk, padded - chunk).Clear();
                    await write(buffer.AsMemory(0, padded), done, cancellationToken).ConfigureAwait(false);
                    done += padded;
                }

                if (inode.InlineLength == 0)
                {
                    await EnsureEndAsync(stream, file.Length, inode.Path, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task ReadExactAsync(Stream stream, Memory<byte> destination, string path, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(destination, destination.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < destination.Length)
        {
            throw new InvalidDataException($"Content of '{path}' ended {destination.Length - read} bytes before its declared length.");
        }
    }

    private static async Task EnsureEndAsync(Stream stream, long length, string path, CancellationToken cancellationToken)
    {
        var probe = new byte[1];
        if (await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new InvalidDataException($"Content of '{path}' is longer than its declared {length} bytes.");
        }
    }

    private static async Task SkipAsync(Stream stream, long count, string path, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            while (count > 0)
            {
                var chunk = (int)Math.Min(CopyBufferSize, count);
                await ReadExactAsync(stream, buffer.AsMemory(0, chunk), path, cancellationToken).ConfigureAwait(false);
                count -= chunk;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
