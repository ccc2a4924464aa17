namespace Basalt.IO;

/// <summary>
/// A read-only window of exactly <see cref="Length"/> bytes over an inner stream, for archive entries.
/// Reading past the window returns 0; an inner stream that ends early is a truncated archive and throws
/// <see cref="InvalidDataException"/> naming <see cref="Description"/>.
/// </summary>
public sealed class BoundedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly long _length;
    private long _position;
    private bool _disposed;

    /// <param name="inner">The stream positioned at the first byte of the window.</param>
    /// <param name="length">The window size in bytes.</param>
    /// <param name="leaveOpen">When false, disposing this stream disposes <paramref name="inner"/>.</param>
    /// <param name="description">Names the window in error messages, e.g. "cpio entry './usr/bin/x'".</param>
    public BoundedReadStream(Stream inner, long length, bool leaveOpen = false, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!inner.CanRead)
        {
            throw new ArgumentException("The inner stream must be readable.", nameof(inner));
        }

        _inner = inner;
        _length = length;
        _leaveOpen = leaveOpen;
        Description = description ?? "bounded stream";
    }

    /// <summary>How the window is named in error messages.</summary>
    public string Description { get; }

    /// <summary>Bytes left in the window.</summary>
    public long Remaining => _length - _position;

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException($"{Description} is not seekable.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var wanted = (int)Math.Min(buffer.Length, Remaining);
        if (wanted == 0)
        {
            return 0;
        }

        var read = _inner.Read(buffer[..wanted]);
        return Advance(read);
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var wanted = (int)Math.Min(buffer.Length, Remaining);
        if (wanted == 0)
        {
            return 0;
        }

        var read = await _inner.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
        return Advance(read);
    }

    /// <summary>Reads and discards whatever is left of the window.</summary>
    public void SkipRemaining()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Remaining > 0)
        {
            var skipped = Remaining;
            _inner.Skip(skipped, Description);
            _position += skipped;
        }
    }

    /// <summary>Reads and discards whatever is left of the window.</summary>
    public async Task SkipRemainingAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Remaining > 0)
        {
            var skipped = Remaining;
            await _inner.SkipAsync(skipped, Description, cancellationToken).ConfigureAwait(false);
            _position += skipped;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException($"{Description} is not seekable.");

    public override void SetLength(long value) => throw new NotSupportedException($"{Description} is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException($"{Description} is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed && !_leaveOpen)
        {
            _inner.Dispose();
        }

        _disposed = true;
        base.Dispose(disposing);
    }

    private int Advance(int read)
    {
        if (read == 0)
        {
            throw new InvalidDataException(
                $"Unexpected end of data in {Description} at offset {_position}: {Remaining} more bytes expected.");
        }

        _position += read;
        return read;
    }
}
