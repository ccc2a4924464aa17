namespace Basalt.Imaging.Disk;

/// <summary>
/// A partition of a disk image being written, seen as a file of its own: position 0 is the partition's first byte, the
/// length is how far it has been written (or set), and nothing may go past the partition's end, so a file system that
/// outgrows its partition fails with a message naming it instead of overwriting its neighbour. The region must read as
/// zeros to begin with (a disk file just extended with SetLength), as a new empty file would.
/// </summary>
public sealed class PartitionWriteStream : Stream
{
    private readonly Stream _disk;
    private readonly long _offset;
    private readonly string _name;
    private long _length;
    private long _position;

    /// <param name="disk">The disk image: seekable, readable and writable; it stays open when this is disposed.</param>
    /// <param name="name">What the partition holds, for messages ("the usr verity hash tree (disk.partitions.verity)").</param>
    public PartitionWriteStream(Stream disk, long offset, long capacity, string name)
    {
        ArgumentNullException.ThrowIfNull(disk);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!disk.CanSeek || !disk.CanWrite || !disk.CanRead)
        {
            throw new ArgumentException("The disk stream must be seekable, readable and writable.", nameof(disk));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _disk = disk;
        _offset = offset;
        _name = name;
        Capacity = capacity;
    }

    /// <summary>The partition's size: the most this stream can hold.</summary>
    public long Capacity { get; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, Math.Max(0, _length - _position));
        if (count == 0)
        {
            return 0;
        }

        _disk.Position = _offset + _position;
        var read = _disk.Read(buffer[..count]);
        _position += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var end = Reserve(buffer.Length);
        _disk.Position = _offset + _position;
        _disk.Write(buffer);
        _position = end;
        _length = Math.Max(_length, end);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var end = Reserve(buffer.Length);
        _disk.Position = _offset + _position;
        await _disk.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _position = end;
        _length = Math.Max(_length, end);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Grows the partition's content to <paramref name="value"/> bytes (zeros); it cannot shrink, because the
    /// bytes given up would not read as zeros again.</summary>
    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value < _length)
        {
            throw new NotSupportedException($"The content of {_name} cannot shrink from {_length} to {value} bytes.");
        }

        if (value > Capacity)
        {
            throw TooLarge(value);
        }

        _length = value;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush() => _disk.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _disk.FlushAsync(cancellationToken);

    private long Reserve(int count)
    {
        var end = checked(_position + count);
        return end <= Capacity ? end : throw TooLarge(end);
    }

    private IOException TooLarge(long bytes)
        => new($"{char.ToUpperInvariant(_name[0])}{_name[1..]} needs at least {bytes} bytes; it does not fit its {Capacity}-byte partition.");
}
