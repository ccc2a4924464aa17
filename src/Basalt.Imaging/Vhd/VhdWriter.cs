using Basalt.Imaging.Disk;

namespace Basalt.Imaging.Vhd;

/// <summary>
/// Writes fixed VHDs as Azure accepts them: the raw disk bytes unchanged, then the 512-byte footer. The
/// virtual size must be a whole number of MiB (Azure rejects anything else), so we refuse other sizes.
/// </summary>
public static class VhdWriter
{
    /// <summary>Copies a raw disk into <paramref name="destination"/> (empty, seekable; zeros left as holes) and appends the footer.</summary>
    public static async Task ConvertAsync(Stream rawSource, Stream destination, uint timestamp, Guid uniqueId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rawSource);
        ArgumentNullException.ThrowIfNull(destination);
        var size = rawSource.Length - rawSource.Position;
        var footer = CreateFooter(size, timestamp, uniqueId);
        if (!destination.CanSeek || destination.Length != 0)
        {
            throw new ArgumentException("The destination must be an empty seekable stream.", nameof(destination));
        }

        destination.SetLength(size);
        var origin = rawSource.Position;
        foreach (var (start, end) in SparseExtents.Find(rawSource, origin))
        {
            // Holes of a sparse source are skipped without reading; the destination keeps them as holes.
            rawSource.Position = start;
            await SparseCopy.CopyAsync(rawSource, destination, start - origin, end - start, "raw disk", cancellationToken).ConfigureAwait(false);
        }

        destination.Position = size;
        await destination.WriteAsync(footer.ToBytes(), cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns a raw disk file into a fixed VHD in place by appending the footer (no copy).</summary>
    public static async Task AppendFooterAsync(string rawPath, uint timestamp, Guid uniqueId, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(rawPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var footer = CreateFooter(stream.Length, timestamp, uniqueId);
            stream.Position = stream.Length;
            await stream.WriteAsync(footer.ToBytes(), cancellationToken).ConfigureAwait(false);
        }
    }

    public static VhdFooter CreateFooter(long size, uint timestamp, Guid uniqueId)
    {
        if (size <= 0 || size % VhdLayout.AzureAlignment != 0)
        {
            throw new ArgumentException($"A fixed VHD for Azure needs a virtual size that is a positive multiple of 1 MiB; the disk is {size} bytes.");
        }

        return new VhdFooter(size, timestamp, uniqueId);
    }
}
