namespace Basalt.Compression;

/// <summary>
/// Counts the compressed bytes a decoder pulls, and records whether a failure came from the source itself
/// (an I/O error to pass on unchanged) rather than from the decoder (corrupt data). With <c>fill</c>, reads fill the
/// caller's buffer unless the source ends: SharpCompress' xz decoder treats a short read as the end of the stream.
/// It also remembers whether the decoder ever asked for more after the source ended, and the last 8 source bytes.
/// </summary>
internal sealed class CountingReadStream(Stream inner, bool leaveOpen, bool fill) : Stream
{
    public const int TailLength = 8;

    private readonly byte[] _tail = new byte[TailLength];

    public long BytesRead { get; private set; }

    /// <summary>A read for at least one byte returned 0: the decoder wanted input the source did not have.</summary>
    public bool ReadPastEnd { get; private set; }

    /// <summary>The last <see cref="TailLength"/> bytes delivered (fewer when the source was shorter).</summary>
    public ReadOnlySpan<byte> Tail => _tail.AsSpan(TailLength - (int)Math.Min(BytesRead, TailLength));

    public bool SourceFailed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = 0;
        try
        {
            while (read < buffer.Length)
            {
                var got = inner.Read(buffer[read..]);
                read += got;
                if (got == 0 || !fill)
                {
                    break;
                }
            }
        }
        catch
        {
            SourceFailed = true;
            throw;
        }

        return Account(buffer[..read], buffer.Length);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = 0;
        try
        {
            while (read < buffer.Length)
            {
                var got = await inner.ReadAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
                read += got;
                if (got == 0 || !fill)
                {
                    break;
                }
            }
        }
        catch
        {
            SourceFailed = true;
            throw;
        }

        return Account(buffer.Span[..read], buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    private int Account(ReadOnlySpan<byte> data, int requested)
    {
        if (data.Length == 0 && requested > 0)
        {
            ReadPastEnd = true;
        }

        BytesRead += data.Length;
        if (data.Length >= TailLength)
        {
            data[^TailLength..].CopyTo(_tail);
        }
        else if (data.Length > 0)
        {
            _tail.AsSpan(data.Length).CopyTo(_tail);
            data.CopyTo(_tail.AsSpan(TailLength - data.Length));
        }

        return data.Length;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
