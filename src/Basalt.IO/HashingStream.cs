using System.Security.Cryptography;

namespace Basalt.IO;

/// <summary>
/// Passes reads or writes through to an inner stream while feeding every byte to an <see cref="IncrementalHash"/>,
/// so content is hashed while it is copied (one pass, no second read).
/// </summary>
public sealed class HashingStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private bool _disposed;

    public HashingStream(Stream inner, IncrementalHash hash, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(hash);
        _inner = inner;
        Hash = hash;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The hash being fed; the caller owns it.</summary>
    public IncrementalHash Hash { get; }

    /// <summary>Bytes read or written through this stream so far.</summary>
    public long BytesHashed { get; private set; }

    public override bool CanRead => !_disposed && _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed && _inner.CanWrite;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => BytesHashed;
        set => throw new NotSupportedException("A hashing stream cannot seek.");
    }

    /// <summary>The digest of everything passed through so far; resets the hash.</summary>
    public byte[] GetHashAndReset() => Hash.GetHashAndReset();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Append(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Append(buffer.Span[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        Append(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Append(buffer.Span);
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A hashing stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A hashing stream cannot change length.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed && !_leaveOpen)
        {
            _inner.Dispose();
        }

        _disposed = true;
        base.Dispose(disposing);
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Hash.AppendData(data);
        BytesHashed += data.Length;
    }
}
