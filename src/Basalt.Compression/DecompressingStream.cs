using Basalt.IO;

namespace Basalt.Compression;

/// <summary>
/// A read-only stream of decompressed bytes that enforces <see cref="DecompressionLimits"/> and turns every decoder
/// failure into <see cref="InvalidDataException"/> naming the format and the compressed offset. Failures of the
/// compressed source itself (I/O errors, cancellation) pass through unchanged.
/// </summary>
public sealed class DecompressingStream : Stream
{
    private readonly Stream _decoder;
    private readonly CountingReadStream _source;
    private readonly DecompressionLimits _limits;
    private readonly string _description;
    private bool _disposed;

    private readonly EndCheck _endCheck;
    private uint _crc;

    internal DecompressingStream(Stream decoder, CountingReadStream source, CompressionFormat format, DecompressionLimits limits,
        string? description, EndCheck endCheck)
    {
        _endCheck = endCheck;
        _decoder = decoder;
        _source = source;
        Format = format;
        _limits = limits;
        _description = description is null ? "" : $" '{description}'";
    }

    /// <summary>The compressor being decoded.</summary>
    public CompressionFormat Format { get; }

    /// <summary>Compressed bytes consumed from the source so far (decoders read ahead, so this may run ahead of the output).</summary>
    public long CompressedBytesRead => _source.BytesRead;

    /// <summary>Decompressed bytes produced so far.</summary>
    public long DecompressedBytes { get; private set; }

    /// <summary>How the end of the decoded data is checked beyond what the decoder checks itself.</summary>
    internal enum EndCheck
    {
        None,
        NoReadPastEnd,
        GzipTrailer,
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A decompressing stream has no length.");

    public override long Position
    {
        get => DecompressedBytes;
        set => throw new NotSupportedException("A decompressing stream cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int read;
        try
        {
            read = _decoder.Read(buffer);
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw Corrupt(ex);
        }

        return Account(buffer[..read], buffer.Length);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int read;
        try
        {
            read = await _decoder.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw Corrupt(ex);
        }

        return Account(buffer.Span[..read], buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A decompressing stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A decompressing stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A decompressing stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            try
            {
                _decoder.Dispose();
            }
            catch (Exception ex) when (IsDecoderFailure(ex))
            {
                // Some decoders validate trailers on dispose; a reader that stopped early does not care.
            }
            finally
            {
                _source.Dispose();
            }
        }

        _disposed = true;
        base.Dispose(disposing);
    }

    private void CheckEnd()
    {
        switch (_endCheck)
        {
            case EndCheck.NoReadPastEnd when _source.ReadPastEnd:
                // LZMA "alone" with an unknown size must end with its end marker before the input ends.
                throw new InvalidDataException(
                    $"Truncated {Decompression.Name(Format)} stream{_description}: input ended at compressed offset {_source.BytesRead} before the end marker.");
            case EndCheck.GzipTrailer:
                var tail = _source.Tail;
                if (tail.Length < CountingReadStream.TailLength
                    || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tail) != _crc
                    || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) != unchecked((uint)DecompressedBytes))
                {
                    throw new InvalidDataException(
                        $"Truncated {Decompression.Name(Format)} stream{_description}: the input ends at compressed offset {_source.BytesRead} without a matching CRC-32/ISIZE trailer.");
                }

                break;
        }
    }

    private bool IsDecoderFailure(Exception ex)
        => ex is not OperationCanceledException and not ObjectDisposedException and not OutOfMemoryException && !_source.SourceFailed;

    private InvalidDataException Corrupt(Exception ex) => new(
        $"Corrupt or truncated {Decompression.Name(Format)} stream{_description} near compressed offset {_source.BytesRead}: {ex.Message}", ex);

    private int Account(ReadOnlySpan<byte> output, int requested)
    {
        var read = output.Length;
        if (read == 0 && requested > 0)
        {
            CheckEnd();
        }

        if (_endCheck == EndCheck.GzipTrailer)
        {
            _crc = Crc32.Update(_crc, output);
        }

        DecompressedBytes += read;
        if (DecompressedBytes > _limits.MaxOutputBytes)
        {
            throw new InvalidDataException(
                $"{Decompression.Name(Format)} stream{_description} exceeds the output limit of {_limits.MaxOutputBytes} bytes (MaxOutputBytes).");
        }

        if (DecompressedBytes > _limits.RatioGraceBytes
            && DecompressedBytes > _limits.MaxRatio * Math.Max(1, _source.BytesRead))
        {
            throw new InvalidDataException(
                $"{Decompression.Name(Format)} stream{_description} exceeds the compression ratio limit of {_limits.MaxRatio} (MaxRatio): " +
                $"{DecompressedBytes} bytes from {_source.BytesRead} compressed bytes.");
        }

        return read;
    }
}
