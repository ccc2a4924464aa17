using System.Buffers.Binary;
using System.IO.Compression;
using Basalt.IO;

namespace Basalt.Compression;

/// <summary>
/// A gzip member with a fixed header (RFC 1952 section 2.3: no name, MTIME 0, OS 3 = Unix) around a raw deflate
/// stream, so the same input and level give the same bytes on every machine. The BCL's GZipStream lets zlib pick
/// the OS byte, which differs between platforms.
/// </summary>
internal sealed class GzipWriterStream : Stream
{
    private const byte OsUnix = 3;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly DeflateStream _deflate;
    private uint _crc;
    private long _length;
    private bool _disposed;

    public GzipWriterStream(Stream output, int level, bool leaveOpen)
    {
        _output = output;
        _leaveOpen = leaveOpen;

        // XFL: 2 = maximum compression, 4 = fastest, 0 otherwise (RFC 1952 section 2.3.1).
        var extraFlags = level >= 9 ? (byte)2 : level <= 1 ? (byte)4 : (byte)0;
        ReadOnlySpan<byte> header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, extraFlags, OsUnix];
        _output.Write(header);
        _deflate = new DeflateStream(_output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _deflate.Write(buffer);
        _crc = Crc32.Update(_crc, buffer);
        _length += buffer.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _deflate.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _crc = Crc32.Update(_crc, buffer.Span);
        _length += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => _deflate.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _deflate.Dispose();

            // Trailer: CRC-32 and the input size modulo 2^32, both little-endian.
            Span<byte> trailer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_length));
            _output.Write(trailer);
            _output.Flush();
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
