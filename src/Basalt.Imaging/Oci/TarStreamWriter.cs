using System.Globalization;
using System.Text;
using static Basalt.Imaging.Oci.TarLayout;

namespace Basalt.Imaging.Oci;

/// <summary>
/// Writes a POSIX ustar archive, adding a pax extended header (POSIX.1-2001 pax, "pax Extended Header") only
/// for what ustar cannot hold: long names, large sizes or ids, sub-second times and xattrs. Every field is
/// derived from the entry alone (no clock, no user database), so the same entries give the same bytes.
/// uname and gname stay empty: readers then use the numeric ids, which is what image builders want.
/// </summary>
internal sealed class TarStreamWriter(Stream output)
{
    /// <summary>The fixed name of pax extended headers; readers ignore it, a fixed value keeps output stable.</summary>
    private const string PaxHeaderName = "././@PaxHeader";

    private readonly byte[] _block = new byte[BlockSize];

    /// <summary>Bytes written so far.</summary>
    public long Position { get; private set; }

    /// <summary>Writes the header (and pax header when needed), then copies exactly <see cref="TarEntryHeader.Size"/> bytes of <paramref name="content"/>.</summary>
    public async Task WriteEntryAsync(TarEntryHeader entry, Stream? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await WriteHeaderAsync(entry, cancellationToken).ConfigureAwait(false);
        if (entry.Size > 0)
        {
            ArgumentNullException.ThrowIfNull(content);
            var buffer = new byte[(int)Math.Min(entry.Size, 1 << 20)];
            var remaining = entry.Size;
            while (remaining > 0)
            {
                var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new InvalidDataException($"Content of tar member '{entry.Name}' ended {remaining} bytes before its declared {entry.Size} bytes.");
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                remaining -= read;
            }

            Position += entry.Size;
            await PadAsync(entry.Size, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the header of a member whose content the caller then writes itself, followed by <see cref="PadAsync"/>.</summary>
    public async Task WriteHeaderAsync(TarEntryHeader entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var records = PaxRecords(entry);
        if (records.Length > 0)
        {
            var paxHeader = new TarEntryHeader
            {
                Name = PaxHeaderName,
                TypeFlag = TypePaxExtended,
                Size = records.Length,
                MtimeSeconds = Math.Max(0, entry.MtimeSeconds),
            };
            await WriteBlockAsync(Encode(paxHeader), cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(records, cancellationToken).ConfigureAwait(false);
            Position += records.Length;
            await PadAsync(records.Length, cancellationToken).ConfigureAwait(false);
        }

        await WriteBlockAsync(Encode(entry), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Zero-fills the last block of a member of <paramref name="length"/> bytes.</summary>
    public async Task PadAsync(long length, CancellationToken cancellationToken)
    {
        var padding = Padding(length);
        if (padding > 0)
        {
            Array.Clear(_block);
            await output.WriteAsync(_block.AsMemory(0, padding), cancellationToken).ConfigureAwait(false);
            Position += padding;
        }
    }

    /// <summary>Counts content bytes the caller wrote directly to the output after <see cref="WriteHeaderAsync"/>.</summary>
    public void Advance(long bytes) => Position += bytes;

    /// <summary>The end-of-archive marker: two zero blocks.</summary>
    public async Task WriteEndAsync(CancellationToken cancellationToken)
    {
        Array.Clear(_block);
        await WriteBlockAsync(_block, cancellationToken).ConfigureAwait(false);
        await WriteBlockAsync(_block, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteBlockAsync(byte[] block, CancellationToken cancellationToken)
    {
        await output.WriteAsync(block, cancellationToken).ConfigureAwait(false);
        Position += BlockSize;
    }

    /// <summary>The ustar header block; fields that do not fit are left for the pax records to carry.</summary>
    internal static byte[] Encode(TarEntryHeader entry)
    {
        var block = new byte[BlockSize];
        var span = block.AsSpan();
        WriteText(span.Slice(NameOffset, NameLength), Truncate(entry.Name, NameLength));
        WriteOctal(span.Slice(ModeOffset, IdLength), entry.Mode);
        WriteOctal(span.Slice(UidOffset, IdLength), Math.Min(entry.Uid, MaxOctal7));
        WriteOctal(span.Slice(GidOffset, IdLength), Math.Min(entry.Gid, MaxOctal7));
        WriteOctal(span.Slice(SizeOffset, SizeLength), entry.Size > MaxOctal11 ? 0 : entry.Size);
        WriteOctal(span.Slice(MtimeOffset, MtimeLength), Math.Clamp(entry.MtimeSeconds, 0, MaxOctal11));
        span[TypeFlagOffset] = entry.TypeFlag;
        WriteText(span.Slice(LinkNameOffset, LinkNameLength), Truncate(entry.LinkName, LinkNameLength));
        Magic.CopyTo(span[MagicOffset..]);
        UstarVersion.CopyTo(span[VersionOffset..]);
        if (entry.TypeFlag is TypeCharacterDevice or TypeBlockDevice)
        {
            WriteOctal(span.Slice(DevMajorOffset, IdLength), entry.DevMajor);
            WriteOctal(span.Slice(DevMinorOffset, IdLength), entry.DevMinor);
        }

        // The checksum is computed with its own field read as eight spaces (pax, "ustar Interchange Format").
        span.Slice(ChecksumOffset, ChecksumLength).Fill((byte)' ');
        var sum = 0;
        foreach (var b in span)
        {
            sum += b;
        }

        WriteOctal(span.Slice(ChecksumOffset, 7), sum);
        span[ChecksumOffset + 7] = (byte)' ';
        return block;
    }

    /// <summary>The pax records this entry needs, in a fixed key order; empty when ustar holds everything.</summary>
    internal static byte[] PaxRecords(TarEntryHeader entry)
    {
        using var records = new MemoryStream();
        if (Encoding.UTF8.GetByteCount(entry.Name) > NameLength)
        {
            AddRecord(records, "path", Encoding.UTF8.GetBytes(entry.Name));
        }

        if (Encoding.UTF8.GetByteCount(entry.LinkName) > LinkNameLength)
        {
            AddRecord(records, "linkpath", Encoding.UTF8.GetBytes(entry.LinkName));
        }

        if (entry.Size > MaxOctal11)
        {
            AddRecord(records, "size", Ascii(entry.Size.ToString(CultureInfo.InvariantCulture)));
        }

        if (entry.Uid > MaxOctal7)
        {
            AddRecord(records, "uid", Ascii(entry.Uid.ToString(CultureInfo.InvariantCulture)));
        }

        if (entry.Gid > MaxOctal7)
        {
            AddRecord(records, "gid", Ascii(entry.Gid.ToString(CultureInfo.InvariantCulture)));
        }

        if (entry.MtimeNanoseconds != 0 || entry.MtimeSeconds < 0 || entry.MtimeSeconds > MaxOctal11)
        {
            var text = entry.MtimeNanoseconds == 0
                ? entry.MtimeSeconds.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{entry.MtimeSeconds}.{entry.MtimeNanoseconds:D9}");
            AddRecord(records, "mtime", Ascii(text));
        }

        foreach (var (name, value) in entry.ExtendedAttributes)
        {
            AddRecord(records, "SCHILY.xattr." + name, value);
        }

        return records.ToArray();
    }

    /// <summary>One "LEN KEY=VALUE\n" record, where LEN counts the whole record including its own digits.</summary>
    private static void AddRecord(MemoryStream records, string key, byte[] value)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var body = keyBytes.Length + value.Length + 3; // ' ', '=', '\n'
        var length = body + Digits(body);
        if (Digits(length) != Digits(body))
        {
            length++;
        }

        records.Write(Ascii(length.ToString(CultureInfo.InvariantCulture)));
        records.WriteByte((byte)' ');
        records.Write(keyBytes);
        records.WriteByte((byte)'=');
        records.Write(value);
        records.WriteByte((byte)'\n');
    }

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Truncate(string text, int length)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length <= length ? bytes : bytes[..length];
    }

    private static void WriteText(Span<byte> field, byte[] text) => text.CopyTo(field);

    /// <summary>Zero-padded octal digits filling the field except its last byte, which stays NUL.</summary>
    private static void WriteOctal(Span<byte> field, long value)
    {
        var digits = field.Length - 1;
        for (var i = digits - 1; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value & 7));
            value >>= 3;
        }

        field[digits] = 0;
    }
}
