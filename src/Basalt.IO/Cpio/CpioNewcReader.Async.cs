namespace Basalt.IO.Cpio;

public sealed partial class CpioNewcReader
{
    /// <summary>Asynchronous <see cref="GetNextEntry"/>; read the data with <c>DataStream.ReadAsync</c>.</summary>
    public async ValueTask<CpioEntry?> GetNextEntryAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            return null;
        }

        if (_data is not null)
        {
            await _data.SkipRemainingAsync(cancellationToken).ConfigureAwait(false);
            EndData();
            await ReadPaddingAsync(Current!.Display, Current.HeaderOffset, "data", cancellationToken).ConfigureAwait(false);
        }

        var headerOffset = _position;
        await ReadExactAsync(_header.AsMemory(0, CpioLayout.MagicLength), headerOffset, MagicWhat, cancellationToken).ConfigureAwait(false);
        var format = ClassifyMagic(headerOffset);
        CpioEntry? entry;
        if (format == CpioFormat.Stripped)
        {
            await ReadExactAsync(_header.AsMemory(CpioLayout.MagicLength, CpioLayout.FieldLength), headerOffset, "stripped cpio header", cancellationToken)
                .ConfigureAwait(false);
            entry = StrippedEntry(headerOffset);
            if (entry is not null && _options.AlignStrippedData)
            {
                await ReadPaddingAsync(entry.Display, headerOffset, "stripped header", cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await ReadExactAsync(_header.AsMemory(CpioLayout.MagicLength), headerOffset, "cpio header", cancellationToken).ConfigureAwait(false);
            var fields = ParseFields(headerOffset);
            var name = new byte[NameSize(fields, headerOffset)];
            await ReadExactAsync(name, headerOffset, "cpio entry name", cancellationToken).ConfigureAwait(false);
            var text = DecodeName(name, headerOffset);
            await ReadPaddingAsync(text, headerOffset, "name", cancellationToken).ConfigureAwait(false);
            entry = FullEntry(fields, text, format, headerOffset);
        }

        return Begin(entry);
    }

    private async ValueTask ReadExactAsync(Memory<byte> buffer, long headerOffset, string what, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await _archive.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw Truncated(what, total, buffer.Length, headerOffset);
            }

            total += read;
        }

        _position += total;
    }

    private async ValueTask ReadPaddingAsync(string entry, long headerOffset, string after, CancellationToken cancellationToken)
    {
        var count = CpioLayout.Padding(_position);
        if (count > 0)
        {
            var padOffset = _position;
            await ReadExactAsync(_header.AsMemory(0, count), headerOffset, $"padding after the {after} of cpio entry '{entry}'", cancellationToken)
                .ConfigureAwait(false);
            CheckPadding(_header.AsSpan(0, count), entry, headerOffset, after, padOffset);
        }
    }
}
