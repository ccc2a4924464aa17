namespace Basalt.Imaging.Disk;

/// <summary>The bytes to place in a partition: a length known up front and a stream opened when writing, or bytes a
/// writer already put in place in the disk file (<see cref="InPlace"/>).</summary>
public sealed class PartitionContent
{
    private readonly Func<Stream>? _open;

    private PartitionContent(long length, Func<Stream>? open)
    {
        Length = length;
        _open = open;
    }

    public long Length { get; }

    /// <summary>True when the bytes are already at the partition's offset in the destination, written through a
    /// <see cref="PartitionWriteStream"/>: the disk writer leaves them and only reads them back for the disk hash.</summary>
    public bool IsInPlace => _open is null;

    public Stream OpenRead() => _open is { } open ? open() : throw new InvalidOperationException("The content is already in place in the disk; there is nothing to copy.");

    /// <summary>The first <paramref name="length"/> bytes of the partition, already written into the destination.</summary>
    public static PartitionContent InPlace(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new PartitionContent(length, open: null);
    }

    public static PartitionContent FromFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Partition content '{path}' does not exist.", path);
        }

        return new PartitionContent(info.Length, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
    }

    public static PartitionContent FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new PartitionContent(bytes.Length, () => new MemoryStream(bytes, writable: false));
    }

    /// <summary>Content from a stream factory; the stream must yield exactly <paramref name="length"/> bytes.</summary>
    public static PartitionContent FromStream(Func<Stream> open, long length)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new PartitionContent(length, open);
    }
}
