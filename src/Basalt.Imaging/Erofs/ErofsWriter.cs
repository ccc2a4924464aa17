using Basalt.Imaging.Blocks;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Erofs;

/// <summary>
/// Writes a <see cref="FileTree"/> as an uncompressed EROFS image, byte by byte, without mkfs, root or
/// loop devices. The output depends only on the tree and the options (never on insertion order, host or
/// time). Layout: block 0 holds the superblock at byte 1024 and the first inodes; metadata (inodes, inline
/// xattrs, inline tails) continues in the following blocks; file, directory and symlink data blocks follow.
/// </summary>
public static class ErofsWriter
{
    /// <summary>Writes the image to <paramref name="path"/> atomically (a temporary name, then a rename).</summary>
    public static Task<ErofsImageInfo> WriteFileAsync(FileTree tree, string path, ErofsWriterOptions? options = null, CancellationToken cancellationToken = default)
        => WriteFileAsync(tree, path, options, observer: null, cancellationToken);

    /// <summary>Writes the image to <paramref name="path"/> atomically, showing <paramref name="observer"/> every block written.</summary>
    public static async Task<ErofsImageInfo> WriteFileAsync(FileTree tree, string path, ErofsWriterOptions? options, IBlockObserver? observer,
        CancellationToken cancellationToken = default)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId;
        try
        {
            ErofsImageInfo info;
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1);
            await using (stream.ConfigureAwait(false))
            {
                info = await WriteAsync(tree, stream, options, observer, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            return info;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes the image at the current position of <paramref name="output"/>. A <see cref="FileStream"/>
    /// gets file data written in parallel; any other stream is written strictly sequentially.</summary>
    public static Task<ErofsImageInfo> WriteAsync(FileTree tree, Stream output, ErofsWriterOptions? options = null, CancellationToken cancellationToken = default)
        => WriteAsync(tree, output, options, observer: null, cancellationToken);

    /// <summary>As <see cref="WriteAsync(FileTree, Stream, ErofsWriterOptions?, CancellationToken)"/>, and shows
    /// <paramref name="observer"/> every block of the image (metadata, then file data in whatever order it is written).</summary>
    public static async Task<ErofsImageInfo> WriteAsync(FileTree tree, Stream output, ErofsWriterOptions? options, IBlockObserver? observer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new ErofsWriterOptions();
        var plan = ErofsPlan.Create(tree, options, cancellationToken);
        var origin = output.CanSeek ? output.Position : 0;
        observer?.Begin(plan.TotalBlocks, ErofsLayout.BlockSize);
        await ErofsMetadataWriter.WriteAsync(plan, options, output, observer, cancellationToken).ConfigureAwait(false);
        if (output is FileStream file && options.MaxParallelism > 1)
        {
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            await ErofsDataWriter.WriteParallelAsync(plan, file.SafeFileHandle, origin, options.MaxParallelism, observer, cancellationToken).ConfigureAwait(false);
            file.Position = origin + (plan.TotalBlocks * ErofsLayout.BlockSize);
        }
        else
        {
            await ErofsDataWriter.WriteSequentialAsync(plan, output, observer, cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new ErofsImageInfo(plan.TotalBlocks, plan.Inodes.Count, plan.Inodes[0].Nid);
    }
}
