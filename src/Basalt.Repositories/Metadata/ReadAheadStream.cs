using System.Buffers;
using System.Threading.Channels;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// Reads its source (decompression and open-checksum hashing) on a background task, a bounded number of chunks
/// ahead, so the XML parser runs in parallel with decompression and hashing. Errors from the source surface on the
/// reading side; disposing stops the background task. Chunks are pooled: a 52 MB document would otherwise allocate
/// 200 large-object arrays, each collected only by a full GC.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private const int ChunkSize = 1 << 18;
    private readonly Channel<(byte[] Buffer, int Count)> _chunks = Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private byte[] _current = [];
    private int _offset;
    private int _count;
    private bool _done;

    public ReadAheadStream(Stream source)
    {
        _producer = Task.Run(() => ProduceAsync(source));
    }

    private async Task ProduceAsync(Stream source)
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int read = source.ReadAtLeast(buffer.AsSpan(0, ChunkSize), ChunkSize, throwOnEndOfStream: false);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                try
                {
                    await _chunks.Writer.WriteAsync((buffer, read), _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
            }

            _chunks.Writer.Complete();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _chunks.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            // Whatever the source throws (corrupt data, a limit, I/O) is rethrown on the reading side.
            _chunks.Writer.TryComplete(ex);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        while (_offset == _count)
        {
            if (_done)
            {
                return 0;
            }

            if (!Next())
            {
                _done = true;
                return 0;
            }
        }

        int n = Math.Min(buffer.Length, _count - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    private bool Next()
    {
        var reader = _chunks.Reader;
        try
        {
            (byte[] Buffer, int Count) chunk;
            while (!reader.TryRead(out chunk))
            {
                if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    return false;
                }
            }

            Release();
            (_current, _count) = (chunk.Buffer, chunk.Count);
            _offset = 0;
            return true;
        }
        catch (ChannelClosedException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Returns the chunk being read to the pool.</summary>
    private void Release()
    {
        if (_current.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_current);
            _current = [];
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            try
            {
                _producer.Wait();
            }
            catch (AggregateException)
            {
                // The producer's failure was already delivered to the reader, or nobody is reading any more.
            }

            while (_chunks.Reader.TryRead(out var chunk))
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }

            Release();

            _stop.Dispose();
        }

        base.Dispose(disposing);
    }
}
