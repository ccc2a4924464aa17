using Basalt.Imaging.Disk;

namespace Basalt.Compose.Machines;

/// <summary>A read-only, seekable stream over a <see cref="DiskView"/>, so stream readers (FAT) work on any container format.</summary>
internal sealed class DiskViewStream(DiskView disk) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => disk.Size;

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
        var count = (int)Math.Min(buffer.Length, Math.Max(0, disk.Size - _position));
        if (count == 0)
        {
            return 0;
        }

        disk.ReadAt(_position, buffer[..count]);
        _position += count;
        return count;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => disk.Size + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("A disk view is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A disk view is read-only.");
}
