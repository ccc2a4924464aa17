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
    public static async Task<ErofsImageInfo> WriteFileAsync(FileTree tree, string path, ErofsWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId;
        try
        {
            ErofsImageInfo info;
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1);
            await using (stream.ConfigureAwait(false))
            {
                info = await WriteAsync(tree, stream, options, cancellationToken).ConfigureAwait(false);
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
    public static async Task<ErofsImageInfo> WriteAsync(FileTree tree, Stream output, ErofsWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new ErofsWriterOptions();
        var plan = ErofsPlan.Create(tree, options, cancellationToken);
        var origin = output.CanSeek ? output.Position : 0;
        await ErofsMetadataWriter.WriteAsync(plan, options, output, cancellationToken).ConfigureAwait(false);
        if (output is FileStream file && options.MaxParallelism > 1)
        {
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            await ErofsDataWriter.WriteParallelAsync(plan, file.SafeFileHandle, origin, options.MaxParallelism, cancellationToken).ConfigureAwait(false);
            file.Position = origin + (plan.TotalBlocks * ErofsLayout.BlockSize);
        }
        else
        {
            await ErofsDataWriter.WriteSequentialAsync(plan, output, cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new ErofsImageInfo(plan.TotalBlocks, plan.Inodes.Count, plan.Inodes[0].Nid);
    }
}
