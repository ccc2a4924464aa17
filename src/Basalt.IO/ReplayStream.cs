namespace Basalt.IO;

/// <summary>
/// Replays bytes already read from a non-seekable stream (typically peeked magic bytes), then continues with the stream,
/// so format detection can look at the head without needing to seek back.
/// </summary>
public sealed class ReplayStream : Stream
{
    private readonly Stream _rest;
    private readonly bool _leaveOpen;
    private ReadOnlyMemory<byte> _head;

    /// <param name="head">The bytes already read from <paramref name="rest"/>, replayed first.</param>
    /// <param name="rest">The stream those bytes came from, read after them.</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="rest"/> open.</param>
    public ReplayStream(ReadOnlyMemory<byte> head, Stream rest, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(rest);
        _head = head;
        _rest = rest;
        _leaveOpen = leaveOpen;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => _head.IsEmpty ? _rest.Read(buffer) : CopyHead(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => _head.IsEmpty ? _rest.ReadAsync(buffer, cancellationToken) : ValueTask.FromResult(CopyHead(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _rest.Dispose();
        }

        base.Dispose(disposing);
    }

    private int CopyHead(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _head.Length);
        _head.Span[..count].CopyTo(buffer);
        _head = _head[count..];
        return count;
    }
}
