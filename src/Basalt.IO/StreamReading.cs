using System.Buffers;

namespace Basalt.IO;

/// <summary>Exact-length reads, skips and copies that turn a premature end of input into <see cref="InvalidDataException"/>.</summary>
public static class StreamReading
{
    private const int SkipBufferSize = 81920;

    /// <summary>Fills <paramref name="buffer"/> or throws naming <paramref name="what"/> and the stream offset (when the stream knows it).</summary>
    public static void ReadExactly(this Stream stream, Span<byte> buffer, string what)
        => ReadExactly(stream, buffer, what, stream is { CanSeek: true } ? stream.Position : -1);

    /// <summary>Fills <paramref name="buffer"/> or throws naming <paramref name="what"/> and <paramref name="offset"/>, the caller's position of the first byte.</summary>
    public static void ReadExactly(this Stream stream, Span<byte> buffer, string what, long offset)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                throw Truncated(what, offset, total, buffer.Length);
            }

            total += read;
        }
    }

    /// <summary>Asynchronously fills <paramref name="buffer"/> or throws naming <paramref name="what"/> and <paramref name="offset"/>.</summary>
    public static async ValueTask ReadExactlyAsync(this Stream stream, Memory<byte> buffer, string what, long offset,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw Truncated(what, offset, total, buffer.Length);
            }

            total += read;
        }
    }

    /// <summary>
    /// Moves <paramref name="count"/> bytes forward: seeks when the stream can (checking the length), otherwise
    /// reads and discards through a pooled buffer.
    /// </summary>
    public static void Skip(this Stream stream, long count, string what)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        if (stream.CanSeek)
        {
            var target = checked(stream.Position + count);
            if (target > stream.Length)
            {
                throw Truncated(what, stream.Position, stream.Length - stream.Position, count);
            }

            stream.Position = target;
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, SkipBufferSize));
        try
        {
            var left = count;
            while (left > 0)
            {
                var read = stream.Read(buffer, 0, (int)Math.Min(left, buffer.Length));
                if (read == 0)
                {
                    throw Truncated(what, -1, count - left, count);
                }

                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Asynchronous <see cref="Skip"/>.</summary>
    public static async Task SkipAsync(this Stream stream, long count, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0 || stream.CanSeek)
        {
            Skip(stream, count, what);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, SkipBufferSize));
        try
        {
            var left = count;
            while (left > 0)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    throw Truncated(what, -1, count - left, count);
                }

                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes, or throws naming <paramref name="what"/> when the source ends first.</summary>
    public static void CopyToBounded(this Stream source, Stream destination, long count, string what)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(count, 1, SkipBufferSize));
        try
        {
            var left = count;
            while (left > 0)
            {
                var read = source.Read(buffer, 0, (int)Math.Min(left, buffer.Length));
                if (read == 0)
                {
                    throw Truncated(what, -1, count - left, count);
                }

                destination.Write(buffer, 0, read);
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Asynchronous <see cref="CopyToBounded"/>.</summary>
    public static async Task CopyToBoundedAsync(this Stream source, Stream destination, long count, string what,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(count, 1, SkipBufferSize));
        try
        {
            var left = count;
            while (left > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    throw Truncated(what, -1, count - left, count);
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static InvalidDataException Truncated(string what, long offset, long got, long wanted)
    {
        var where = offset >= 0 ? $" at offset {offset}" : "";
        return new InvalidDataException($"Unexpected end of data in {what}{where}: got {got} of {wanted} bytes.");
    }
}
