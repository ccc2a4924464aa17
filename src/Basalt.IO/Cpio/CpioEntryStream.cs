namespace Basalt.IO.Cpio;

/// <summary>
/// The data of the current cpio entry: exactly <c>FileSize</c> bytes of the archive. A premature end is a
/// truncated archive; for "070702" entries the byte sum is checked once the data has been read to its end.
/// </summary>
internal sealed class CpioEntryStream : Stream
{
    private readonly Stream _archive;
    private readonly CpioEntry _entry;
    private readonly long _dataOffset;
    private readonly bool _verifyChecksum;
    private uint _sum;
    private long _consumed;

    public CpioEntryStream(Stream archive, CpioEntry entry, long dataOffset, bool verifyChecksum)
    {
        _archive = archive;
        _entry = entry;
        _dataOffset = dataOffset;
        _verifyChecksum = verifyChecksum && entry.Format == CpioFormat.Crc;
    }

    public long Remaining => _entry.FileSize - _consumed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _entry.FileSize;

    public override long Position
    {
        get => _consumed;
        set => throw new NotSupportedException("cpio entry data is not seekable.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, Remaining);
        if (wanted == 0)
        {
            return 0;
        }

        var read = _archive.Read(buffer[..wanted]);
        return Advance(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = (int)Math.Min(buffer.Length, Remaining);
        if (wanted == 0)
        {
            return 0;
        }

        var read = await _archive.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
        return Advance(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads the rest of the data (so the checksum is still verified) and discards it.</summary>
    public void SkipRemaining()
    {
        if (Remaining == 0)
        {
            return;
        }

        if (!_verifyChecksum)
        {
            var left = Remaining;
            try
            {
                _archive.Skip(left, $"cpio entry '{_entry.Display}'");
            }
            catch (InvalidDataException ex)
            {
                throw Truncated(ex);
            }

            _consumed += left;
            return;
        }

        Span<byte> scratch = stackalloc byte[4096];
        while (Read(scratch) > 0)
        {
        }
    }

    /// <summary>Asynchronous <see cref="SkipRemaining"/>.</summary>
    public async Task SkipRemainingAsync(CancellationToken cancellationToken)
    {
        if (Remaining == 0)
        {
            return;
        }

        if (!_verifyChecksum)
        {
            var left = Remaining;
            try
            {
                await _archive.SkipAsync(left, $"cpio entry '{_entry.Display}'", cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                throw Truncated(ex);
            }

            _consumed += left;
            return;
        }

        var scratch = new byte[4096];
        while (await ReadAsync(scratch, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("cpio entry data is not seekable.");

    public override void SetLength(long value) => throw new NotSupportedException("cpio entry data is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("cpio entry data is read-only.");

    private int Advance(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            throw Truncated(null);
        }

        _consumed += data.Length;
        if (_verifyChecksum)
        {
            // "070702": the checksum is the unsigned 32-bit sum of all data bytes (cpio(5)).
            foreach (var b in data)
            {
                _sum += b;
            }

            if (Remaining == 0 && _sum != _entry.Checksum)
            {
                throw new InvalidDataException(
                    $"cpio entry '{_entry.Display}' at offset {_entry.HeaderOffset}: data checksum 0x{_sum:x8} does not match the header's 0x{_entry.Checksum:x8}.");
            }
        }

        return data.Length;
    }

    private InvalidDataException Truncated(Exception? skipFailure) => skipFailure is null
        ? new($"cpio entry '{_entry.Display}' at offset {_entry.HeaderOffset}: archive ends at offset {_dataOffset + _consumed}, " +
              $"{Remaining} of {_entry.FileSize} data bytes missing.")
        : new($"cpio entry '{_entry.Display}' at offset {_entry.HeaderOffset}: archive ends within the last {Remaining} " +
              $"of {_entry.FileSize} data bytes (data starts at offset {_dataOffset}).", skipFailure);
}
