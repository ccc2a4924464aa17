namespace Basalt.Rpm.Signatures;

/// <summary>
/// Reads through to the package file and hands every byte read to the streaming checks, so the payload is read once
/// whether or not a decompressor also consumes it. Remembers the first bytes for compressor detection.
/// </summary>
internal sealed class ObservedReadStream(Stream inner, IReadOnlyList<StreamingCheck> observers, CancellationToken cancellationToken) : Stream
{
    private readonly byte[] _head = new byte[Compression.CompressionDetector.HeadLength];

    public long BytesRead { get; private set; }

    public ReadOnlySpan<byte> Head => _head.AsSpan(0, (int)Math.Min(BytesRead, _head.Length));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = inner.Read(buffer, offset, count);
        if (read > 0)
        {
            if (BytesRead < _head.Length)
            {
                var take = (int)Math.Min(read, _head.Length - BytesRead);
                Array.Copy(buffer, offset, _head, BytesRead, take);
            }

            foreach (var observer in observers)
            {
                observer.Append(buffer, offset, read);
            }

            BytesRead += read;
        }

        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        var array = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = Read(array, 0, buffer.Length);
            array.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <summary>Reads to the end of the file (what a decompressor left behind still counts for the digests).</summary>
    public void Drain()
    {
        const int chunk = 128 * 1024;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(chunk);
        try
        {
            while (Read(buffer, 0, chunk) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
