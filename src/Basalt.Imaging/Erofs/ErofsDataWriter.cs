using System.Buffers;
using Basalt.Imaging.Tree;
using Microsoft.Win32.SafeHandles;

namespace Basalt.Imaging.Erofs;

/// <summary>
/// Writes the data area: every inode's whole blocks at its planned address (a plain inode's last partial
/// block zero padded). Addresses are known in advance, so files can be copied in parallel with positioned
/// writes; the sequential path writes the same bytes in address order for any stream.
/// </summary>
internal static class ErofsDataWriter
{
    private const int CopyBufferSize = 1 << 20;

    public static async Task WriteSequentialAsync(ErofsPlan plan, Stream output, CancellationToken cancellationToken)
    {
        foreach (var inode in plan.Inodes)
        {
            if (inode.DataBlocks > 0)
            {
                await WriteInodeAsync(inode, (buffer, _, ct) => output.WriteAsync(buffer, ct), 0, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static async Task WriteParallelAsync(ErofsPlan plan, SafeFileHandle output, long origin, int parallelism, CancellationToken cancellationToken)
    {
        var work = plan.Inodes.Where(inode => inode.DataBlocks > 0)
            .OrderByDescending(inode => inode.DataBlocks) // big files first keeps every worker busy to the end
            .ToArray();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (inode, ct) =>
            {
                var start = origin + ((long)inode.BlockAddress * ErofsLayout.BlockSize);
                await WriteInodeAsync(inode, (buffer, offset, token) => RandomAccess.WriteAsync(output, buffer, start + offset, token), 0, ct).ConfigureAwait(false);
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

    private static async Task WriteInodeAsync(ErofsInode inode, BlockWriter write, long offset, CancellationToken cancellationToken)
    {
        var length = inode.DataBlocks * ErofsLayout.BlockSize;
        switch (inode.Node)
        {
            case DirectoryNode:
            {
                var blocks = new byte[length];
                inode.Directory!.Encode(0, blocks);
                await write(blocks, offset, cancellationToken).ConfigureAwait(false);
                break;
            }

            case SymbolicLinkNode:
            {
                var block = new byte[length];
                inode.SymlinkTarget!.CopyTo(block, 0);
                await write(block, offset, cancellationToken).ConfigureAwait(false);
                break;
            }

            case RegularFileNode file:
                await CopyFileAsync(inode, file, write, offset, length, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"A {inode.Node.Kind} has no data blocks.");
        }
    }

    private static async Task CopyFileAsync(ErofsInode inode, RegularFileNode file, BlockWriter write, long offset, long length, CancellationToken cancellationToken)
    {
        // Bytes of content in the data area; for FLAT_INLINE the tail went to the metadata area.
        var contentBytes = Math.Min(inode.Size, length);
        if (file.Content.TryGetMemory(out var memory))
        {
            await write(memory[..(int)contentBytes], offset, cancellationToken).ConfigureAwait(false);
            await PadAsync(write, offset + contentBytes, length - contentBytes, cancellationToken).ConfigureAwait(false);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            var stream = file.Content.OpenRead();
            await using (stream.ConfigureAwait(false))
            {
                long done = 0;
                while (done < contentBytes)
                {
                    var chunk = (int)Math.Min(CopyBufferSize, contentBytes - done);
                    await ReadExactAsync(stream, buffer.AsMemory(0, chunk), inode.Path, cancellationToken).ConfigureAwait(false);
                    await write(buffer.AsMemory(0, chunk), offset + done, cancellationToken).ConfigureAwait(false);
                    done += chunk;
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

        await PadAsync(write, offset + contentBytes, length - contentBytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task PadAsync(BlockWriter write, long offset, long count, CancellationToken cancellationToken)
    {
        if (count > 0)
        {
            await write(new byte[count], offset, cancellationToken).ConfigureAwait(false);
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
