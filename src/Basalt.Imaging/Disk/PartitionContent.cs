namespace Basalt.Imaging.Disk;

/// <summary>The bytes to place in a partition: a length known up front and a stream opened when writing.</summary>
public sealed class PartitionContent
{
    private readonly Func<Stream> _open;

    private PartitionContent(long length, Func<Stream> open)
    {
        Length = length;
        _open = open;
    }

    public long Length { get; }

    public Stream OpenRead() => _open();

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
