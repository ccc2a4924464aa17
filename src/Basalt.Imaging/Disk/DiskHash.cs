using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace Basalt.Imaging.Disk;

/// <summary>
/// Hashes a disk image while it is written: the writer hands over each chunk it writes, in increasing offset order, and a
/// worker task appends it — and the zeros of every gap the writer seeks over — to one hash state. The result is the hash
/// of the whole file as a later read would see it, without reading it back, and the hashing (sequential, one core) runs
/// beside the copying instead of after it. At most <see cref="Capacity"/> chunks wait in the queue, so memory stays small.
/// </summary>
public sealed class DiskHash : IAsyncDisposable
{
    /// <summary>Chunks queued for the worker before the writer waits.</summary>
    public const int Capacity = 4;

    private const int ZeroBlock = 1 << 20;
    private static readonly byte[] Zeros = new byte[ZeroBlock];
    private readonly Channel<(byte[]? Buffer, long Count)> _queue = Channel.CreateBounded<(byte[]?, long)>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly IncrementalHash _state;
    private readonly Task _worker;
    private readonly Lock _gate = new();
    private bool _handedOver;
    private bool _disposed;

    /// <param name="cancellationToken">Stops the worker; appending and <see cref="CompleteAsync"/> then throw.</param>
    public DiskHash(HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        _state = IncrementalHash.CreateHash(algorithm);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _worker = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>The number of bytes handed over so far (data and zeros): the offset the next chunk must not precede.</summary>
    public long Length { get; private set; }

    /// <summary>Hands over <paramref name="count"/> bytes of a pooled <paramref name="buffer"/> written at <paramref name="offset"/>,
    /// after the zeros between the end of the previous chunk and it. The buffer goes back to <see cref="ArrayPool{T}.Shared"/>
    /// when hashed, or at once when this throws: the caller must not use it again either way.</summary>
    internal async ValueTask AppendPooledAsync(long offset, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            await AppendZerosToAsync(offset, cancellationToken).ConfigureAwait(false);
            var end = checked(Length + count);
            await EnqueueAsync((buffer, count), cancellationToken).ConfigureAwait(false);
            Length = end;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Hands over a copy of <paramref name="data"/>, written at <paramref name="offset"/>.</summary>
    internal ValueTask AppendAsync(long offset, ReadOnlySpan<byte> data, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(buffer);
        return AppendPooledAsync(offset, buffer, data.Length, cancellationToken);
    }

    /// <summary>Hands over the zeros from the end of the last chunk up to <paramref name="offset"/> (a hole, or the end of the file).</summary>
    internal async ValueTask AppendZerosToAsync(long offset, CancellationToken cancellationToken)
    {
        if (offset < Length)
        {
            throw new InvalidOperationException($"The disk hash is at byte {Length}; data at byte {offset} comes too late (the writer went back).");
        }

        if (offset > Length)
        {
            await EnqueueAsync((null, offset - Length), cancellationToken).ConfigureAwait(false);
            Length = offset;
        }
    }

    /// <summary>
    /// Ends the input and waits for the worker to hash what is queued. The caller owns the returned state (of
    /// <see cref="Length"/> bytes) and disposes it; the worker's failure or cancellation is thrown here.
    /// </summary>
    public async Task<IncrementalHash> CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _handedOver = true;
        }

        return _state;
    }

    /// <summary>Stops the worker, waits for it and returns every queued buffer; disposes the state unless it was handed over.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (!_worker.IsCompleted)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await _worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_queue.Reader.TryRead(out var chunk))
        {
            if (chunk.Buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }
        }

        _stop.Dispose();
        lock (_gate)
        {
            _disposed = true;
            if (!_handedOver)
            {
                _state.Dispose();
            }
        }
    }

    private async ValueTask EnqueueAsync((byte[]? Buffer, long Count) chunk, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The worker stopped (cancelled) or the hash was completed: report why rather than the closed queue.
            await _worker.ConfigureAwait(false);
            throw new InvalidOperationException("The disk hash was completed; nothing more can be appended.");
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var chunk))
                {
                    if (chunk.Buffer is null)
                    {
                        AppendZeros(chunk.Count, cancellationToken);
                        continue;
                    }

                    try
                    {
                        _state.AppendData(chunk.Buffer, 0, (int)chunk.Count);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(chunk.Buffer);
                    }
                }
            }
        }
        catch (Exception exception)
        {
            // Wake a writer waiting for room in the queue; it then throws this worker's exception.
            _queue.Writer.TryComplete(exception);
            throw;
        }
    }

    private void AppendZeros(long count, CancellationToken cancellationToken)
    {
        for (; count > 0; count -= ZeroBlock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _state.AppendData(Zeros, 0, (int)Math.Min(ZeroBlock, count));
        }
    }
}
