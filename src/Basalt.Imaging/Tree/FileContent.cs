namespace Basalt.Imaging.Tree;

/// <summary>
/// The bytes of a regular file: either held in memory or opened on demand from a source of known
/// length, so a tree of a whole OS need not hold every payload in memory at once.
/// </summary>
public abstract class FileContent
{
    /// <summary>The empty content.</summary>
    public static FileContent Empty { get; } = new MemoryContent([]);

    /// <summary>The content length in bytes; writers rely on it before opening the content.</summary>
    public abstract long Length { get; }

    /// <summary>Opens the content for reading from the start. Callers dispose the stream.</summary>
    public abstract Stream OpenRead();

    /// <summary>True when the bytes are already in memory (then <paramref name="bytes"/> holds them).</summary>
    public virtual bool TryGetMemory(out ReadOnlyMemory<byte> bytes)
    {
        bytes = default;
        return false;
    }

    /// <summary>Content held in memory. The array is not copied: do not change it afterwards.</summary>
    public static FileContent FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.Length == 0 ? Empty : new MemoryContent(bytes);
    }

    /// <summary>Content read from a host file when needed; the length is taken now.</summary>
    public static FileContent FromFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Content file '{path}' does not exist.", path);
        }

        return new HostFileContent(info.FullName, info.Length);
    }

    /// <summary>Content produced by <paramref name="open"/>, which must yield exactly <paramref name="length"/> bytes.</summary>
    public static FileContent FromFactory(long length, Func<Stream> open)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentNullException.ThrowIfNull(open);
        return new FactoryContent(length, open);
    }

    /// <summary>Reads the whole content into memory (for small files and tests).</summary>
    public byte[] ReadAllBytes()
    {
        if (TryGetMemory(out var memory))
        {
            return memory.ToArray();
        }

        var buffer = new byte[checked((int)Length)];
        using var stream = OpenRead();
        stream.ReadExactly(buffer);
        if (stream.ReadByte() >= 0)
        {
            throw new InvalidDataException($"File content is longer than its declared {Length} bytes.");
        }

        return buffer;
    }

    private sealed class MemoryContent(byte[] bytes) : FileContent
    {
        public override long Length => bytes.Length;

        public override Stream OpenRead() => new MemoryStream(bytes, writable: false);

        public override bool TryGetMemory(out ReadOnlyMemory<byte> memory)
        {
            memory = bytes;
            return true;
        }
    }

    private sealed class HostFileContent(string path, long length) : FileContent
    {
        public override long Length => length;

        public override Stream OpenRead() => new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
    }

    private sealed class FactoryContent(long length, Func<Stream> open) : FileContent
    {
        public override long Length => length;

        public override Stream OpenRead() => open();
    }
}
