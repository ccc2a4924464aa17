namespace Basalt.Imaging.Disk;

/// <summary>
/// The guest view of a disk image: what a virtual machine would see, whatever the container format
/// (raw, VHD, qcow2, …). Readers for partition tables and file systems work on this view.
/// </summary>
public abstract partial class DiskView : IDisposable
{
    /// <summary>The container format name: <c>raw</c>, <c>vhd</c>, <c>qcow2</c>.</summary>
    public abstract string Format { get; }

    /// <summary>The virtual disk size in bytes.</summary>
    public abstract long Size { get; }

    /// <summary>
    /// Fills <paramref name="buffer"/> with the guest bytes at <paramref name="offset"/>. Reading past the end
    /// throws <see cref="InvalidDataException"/>, naming the offset.
    /// </summary>
    public void ReadAt(long offset, Span<byte> buffer)
    {
        if (offset < 0 || buffer.Length > Size || offset > Size - buffer.Length)
        {
            throw new InvalidDataException($"{Format} disk: read of {buffer.Length} bytes at offset {offset} is past the end of the {Size}-byte disk.");
        }

        ReadCore(offset, buffer);
    }

    protected abstract void ReadCore(long offset, Span<byte> buffer);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes at <paramref name="offset"/> of a stream, or throws naming the offset.</summary>
    protected static void ReadExactlyAt(Stream stream, long offset, Span<byte> buffer, string what)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Position = offset;
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                throw new InvalidDataException($"{what}: unexpected end of file at offset {offset + total}.");
            }

            total += read;
        }
    }
}
