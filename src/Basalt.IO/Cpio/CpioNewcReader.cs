namespace Basalt.IO.Cpio;

/// <summary>
/// Streaming reader for "new ASCII" cpio archives ("070701", "070702") and rpm's stripped variant ("07070X").
/// Call <see cref="GetNextEntry"/> (or <see cref="GetNextEntryAsync"/>) until it returns null (the "TRAILER!!!"
/// entry); read the entry's data from <see cref="DataStream"/> before the next call, or let the next call skip it.
/// Every field is treated as hostile: malformed input throws <see cref="InvalidDataException"/> naming the entry and
/// the archive offset.
/// </summary>
public sealed partial class CpioNewcReader : IDisposable
{
    private readonly Stream _archive;
    private readonly CpioReaderOptions _options;
    private readonly bool _leaveOpen;
    private readonly byte[] _header = new byte[CpioLayout.HeaderLength];
    private CpioEntryStream? _data;
    private long _position;
    private bool _finished;
    private bool _disposed;

    public CpioNewcReader(Stream archive, CpioReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(archive);
        if (!archive.CanRead)
        {
            throw new ArgumentException("The archive stream must be readable.", nameof(archive));
        }

        _archive = archive;
        _options = options ?? CpioReaderOptions.Default;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The entry last returned by <see cref="GetNextEntry"/>.</summary>
    public CpioEntry? Current { get; private set; }

    /// <summary>The current entry's data; empty before the first entry and after the trailer.</summary>
    public Stream DataStream => _data ?? Stream.Null;

    /// <summary>Bytes of the archive consumed so far (headers, names, padding and skipped or read data).</summary>
    public long Position => _data is null ? _position : _position + _data.Position;

    /// <summary>Reads the next header, skipping any unread data of the previous entry. Null at the trailer.</summary>
    public CpioEntry? GetNextEntry()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            return null;
        }

        if (_data is not null)
        {
            _data.SkipRemaining();
            EndData();
            ReadPadding(Current!.Display, Current.HeaderOffset, "data");
        }

        var headerOffset = _position;
        ReadExact(_header.AsSpan(0, CpioLayout.MagicLength), headerOffset, MagicWhat);
        var format = ClassifyMagic(headerOffset);
        CpioEntry? entry;
        if (format == CpioFormat.Stripped)
        {
            ReadExact(_header.AsSpan(CpioLayout.MagicLength, CpioLayout.FieldLength), headerOffset, "stripped cpio header");
            entry = StrippedEntry(headerOffset);
            if (entry is not null && _options.AlignStrippedData)
            {
                ReadPadding(entry.Display, headerOffset, "stripped header");
            }
        }
        else
        {
            ReadExact(_header.AsSpan(CpioLayout.MagicLength), headerOffset, "cpio header");
            var fields = ParseFields(headerOffset);
            var name = new byte[NameSize(fields, headerOffset)];
            ReadExact(name, headerOffset, "cpio entry name");
            var text = DecodeName(name, headerOffset);
            ReadPadding(text, headerOffset, "name");
            entry = FullEntry(fields, text, format, headerOffset);
        }

        return Begin(entry);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            _archive.Dispose();
        }
    }

    private CpioEntry? Begin(CpioEntry? entry)
    {
        Current = entry;
        if (entry is null)
        {
            _finished = true;
            return null;
        }

        _data = new CpioEntryStream(_archive, entry, _position, _options.VerifyChecksums);
        return entry;
    }

    private void EndData()
    {
        _position += _data!.Length;
        _data = null;
    }
}
