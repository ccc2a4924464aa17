namespace Basalt.IO;

/// <summary>
/// A read-only, seekable view of bytes [<c>offset</c>, <c>offset + length</c>) of a seekable stream: a partition of a
/// disk image read as if it were a file of its own. Position 0 is <c>offset</c> in the underlying stream.
/// </summary>
public sealed class WindowStream : Stream
{
    private readonly Stream _inner;
    private readonly long _offset;
    private readonly bool _leaveOpen;
    private long _position;

    public WindowStream(Stream inner, long offset, long length, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!inner.CanSeek || !inner.CanRead)
        {
            throw new ArgumentException("The underlying stream must be readable and seekable.", nameof(inner));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _inner = inner;
        _offset = offset;
        Length = length;
        _leaveOpen = leaveOpen;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length { get; }

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
        var available = Math.Max(0, Length - _position);
        var count = (int)Math.Min(buffer.Length, available);
        if (count == 0)
        {
            return 0;
        }

        _inner.Position = _offset + _position;
        var read = _inner.Read(buffer[..count]);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("A window is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A window is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
