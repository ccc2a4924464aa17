using Microsoft.Win32.SafeHandles;

namespace Basalt.Compose.Install;

/// <summary>
/// A read-only, seekable view of one content slice of the install spool. Seekable so that a writer that needs only
/// part of a file (the EROFS writer reads a file's last partial block into the inode's block, apart from its data
/// blocks) jumps there instead of reading the content up to it. Reads are positioned, so the stream keeps no buffer.
/// </summary>
internal sealed class SpoolSliceStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly long _offset;
    private readonly long _length;
    private readonly string _path;
    private long _position;

    public SpoolSliceStream(string path, long offset, long length)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        _path = path;
        _offset = offset;
        _length = length;
    }

    public override bool CanRead => !_handle.IsClosed;

    public override bool CanSeek => !_handle.IsClosed;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(_handle, buffer[..wanted], _offset + _position);
        return Advance(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        var read = await RandomAccess.ReadAsync(_handle, buffer[..wanted], _offset + _position, cancellationToken).ConfigureAwait(false);
        return Advance(read);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0 || target > _length)
        {
            throw new IOException($"Cannot seek to {target} in a {_length}-byte spooled content at offset {_offset} of '{_path}'.");
        }

        _position = target;
        return target;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("Spooled content is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Spooled content is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Wanted(int count)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        return (int)Math.Min(count, _length - _position);
    }

    private int Advance(int read)
    {
        if (read == 0)
        {
            throw new IOException($"Spooled content at offset {_offset} of '{_path}' ended {_length - _position} bytes early: the spool file was truncated.");
        }

        _position += read;
        return read;
    }
}
