using System.Security.Cryptography;

namespace Basalt.Rpm.Payload;

/// <summary>
/// Streams one entry's content and, once its last byte has been read, compares the byte count and the digest with the
/// header's values. Hashing happens on the bytes as they pass, so content is never buffered whole.
/// </summary>
internal sealed class VerifyingEntryStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash? _hash;
    private readonly string _expectedDigest;
    private readonly long _expectedSize;
    private readonly string _what;
    private long _read;
    private bool _checked;

    public VerifyingEntryStream(Stream inner, IncrementalHash? hash, string expectedDigest, long expectedSize, string what)
    {
        _inner = inner;
        _hash = hash;
        _expectedDigest = expectedDigest;
        _expectedSize = expectedSize;
        _what = what;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _expectedSize;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException("payload entry data is not seekable.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        if (read > 0)
        {
            _hash?.AppendData(buffer[..read]);
            _read += read;
        }
        else
        {
            Check();
        }

        return read;
    }

    /// <summary>Reads whatever the consumer left, so the digest is still verified.</summary>
    public void Finish()
    {
        Span<byte> scratch = stackalloc byte[8192];
        while (Read(scratch) > 0)
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("payload entry data is not seekable.");

    public override void SetLength(long value) => throw new NotSupportedException("payload entry data is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("payload entry data is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Check()
    {
        if (_checked)
        {
            return;
        }

        _checked = true;
        if (_read != _expectedSize)
        {
            throw new InvalidDataException($"{_what}: {_read} bytes of content, the header says {_expectedSize}.");
        }

        if (_hash is null || _expectedDigest.Length == 0)
        {
            return;
        }

        var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (!string.Equals(actual, _expectedDigest, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{_what}: content digest {actual} does not match the header's {_expectedDigest}.");
        }
    }
}
