using Basalt.Imaging.Blocks;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Erofs;

/// <summary>
/// Writes the metadata blocks (superblock, inodes, inline xattrs, inline tails) in order through a
/// 1 MiB window, so memory stays flat however many small files the tree has. Block 0 is held back until
/// its inodes are in place because the superblock checksum covers them.
/// </summary>
internal static class ErofsMetadataWriter
{
    private const int WindowSize = 1 << 20;

    public static async Task WriteAsync(ErofsPlan plan, ErofsWriterOptions options, Stream output, IBlockObserver? observer, CancellationToken cancellationToken)
    {
        var end = plan.DataStartBlock * ErofsLayout.BlockSize;
        var window = new byte[WindowSize];
        long windowStart = 0;
        var first = true;

        async Task FlushAsync(long upTo)
        {
            if (first)
            {
                ErofsSuperblock.Write(window, plan, options);
                first = false;
            }

            var length = (int)(upTo - windowStart);
            await output.WriteAsync(window.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            observer?.Blocks(windowStart / ErofsLayout.BlockSize, window.AsSpan(0, length));
            // Keep what was already placed beyond the flushed part (the start of a partly filled block).
            Buffer.BlockCopy(window, length, window, 0, WindowSize - length);
            Array.Clear(window, WindowSize - length, length);
            windowStart = upTo;
        }

        foreach (var inode in plan.Inodes)
        {
            var record = inode.RecordSize;
            if (inode.MetaOffset + record - windowStart > WindowSize)
            {
                // Flush whole blocks before this record; a record is never larger than the window.
                var flushTo = inode.MetaOffset / ErofsLayout.BlockSize * ErofsLayout.BlockSize;
                await FlushAsync(Math.Max(flushTo, ErofsLayout.BlockSize)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            var destination = window.AsSpan((int)(inode.MetaOffset - windowStart), record);
            ErofsInodeEncoder.Encode(inode, destination);
            inode.Xattrs.CopyTo(destination[inode.InodeSize..]);
            if (inode.InlineLength > 0)
            {
                var tailOffset = (int)(inode.MetaOffset - windowStart) + inode.InodeSize + inode.Xattrs.Length;
                await WriteInlineTailAsync(inode, window, tailOffset, cancellationToken).ConfigureAwait(false);
            }
        }

        await FlushAsync(Math.Max(end, ErofsLayout.BlockSize)).ConfigureAwait(false);
    }

    /// <summary>Copies the last partial block of the inode's content into the window.</summary>
    private static async Task WriteInlineTailAsync(ErofsInode inode, byte[] window, int offset, CancellationToken cancellationToken)
    {
        var tailStart = inode.Size - inode.InlineLength;
        var destination = window.AsMemory(offset, inode.InlineLength);
        switch (inode.Node)
        {
            case DirectoryNode:
                inode.Directory!.Encode(tailStart, destination.Span);
                break;
            case SymbolicLinkNode:
                inode.SymlinkTarget.AsSpan((int)tailStart).CopyTo(destination.Span);
                break;
            case RegularFileNode file:
                await ErofsDataWriter.ReadTailAsync(file, inode.Path, tailStart, destination, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"A {inode.Node.Kind} has no data to inline.");
        }
    }
}
