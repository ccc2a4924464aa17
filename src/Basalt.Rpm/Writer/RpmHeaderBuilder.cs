using System.Buffers.Binary;
using System.Text;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Writer;

/// <summary>
/// Collects header entries and lays them out as rpm's headerExport does (format_header.md): the index sorted by
/// tag, values in the data store in the same order, each aligned to its element size (INT16 to 2, INT32 to 4,
/// INT64 to 8; strings and BIN unaligned), and an immutable region (tag 62 or 63) whose 16-byte trailer closes the
/// data store and whose negative offset covers the whole index.
/// </summary>
internal sealed class RpmHeaderBuilder
{
    private readonly SortedDictionary<int, Value> _entries = [];

    public int Count => _entries.Count;

    public void AddString(int tag, string value) => Add(tag, RpmTagType.String, 1, EncodeStrings(tag, [value]));

    /// <summary>An I18NSTRING with only the "C" locale's text (the header then needs HEADERI18NTABLE ["C"]).</summary>
    public void AddI18NString(int tag, string value) => Add(tag, RpmTagType.I18NString, 1, EncodeStrings(tag, [value]));

    public void AddStringArray(int tag, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            Add(tag, RpmTagType.StringArray, values.Count, EncodeStrings(tag, values));
        }
    }

    public void AddInt16(int tag, IReadOnlyList<ushort> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var data = new byte[values.Count * 2];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(i * 2), values[i]);
        }

        Add(tag, RpmTagType.Int16, values.Count, data);
    }

    public void AddInt32(int tag, params IReadOnlyList<uint> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var data = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(i * 4), values[i]);
        }

        Add(tag, RpmTagType.Int32, values.Count, data);
    }

    public void AddInt64(int tag, params IReadOnlyList<ulong> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var data = new byte[values.Count * 8];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(i * 8), values[i]);
        }

        Add(tag, RpmTagType.Int64, values.Count, data);
    }

    public void AddBinary(int tag, ReadOnlySpan<byte> value) => Add(tag, RpmTagType.Bin, value.Length, value.ToArray());

    /// <summary>Lays the header out with <paramref name="regionTag"/> (62 for the signature header, 63 for the main header).</summary>
    public byte[] Build(int regionTag)
    {
        if (_entries.ContainsKey(regionTag))
        {
            throw new InvalidOperationException($"Tag {regionTag} is the region tag and is added by the builder.");
        }

        var indexCount = _entries.Count + 1;
        var offsets = new int[_entries.Count];
        var dataSize = 0;
        var n = 0;
        foreach (var value in _entries.Values)
        {
            var alignment = Math.Max(1, RpmTagTypes.ElementSize(value.Type));
            dataSize = checked(dataSize + ((alignment - (dataSize % alignment)) % alignment));
            offsets[n++] = dataSize;
            dataSize = checked(dataSize + value.Data.Length);
        }

        var trailerOffset = dataSize;
        dataSize = checked(dataSize + RpmFormat.IndexEntrySize);
        if (indexCount > RpmFormat.MaxIndexEntries || dataSize > RpmFormat.MaxDataSize)
        {
            throw new InvalidOperationException($"The header is too large for rpm ({indexCount} entries, {dataSize} data bytes).");
        }

        var storeStart = RpmFormat.HeaderIntroSize + (indexCount * RpmFormat.IndexEntrySize);
        var bytes = new byte[storeStart + dataSize];
        RpmFormat.HeaderMagic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), indexCount);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), dataSize);

        // The region entry comes first in the index (its tag is the smallest) and points at the trailer.
        WriteIndexEntry(bytes.AsSpan(RpmFormat.HeaderIntroSize), regionTag, RpmTagType.Bin, trailerOffset, RpmFormat.IndexEntrySize);
        n = 0;
        foreach (var (tag, value) in _entries)
        {
            var offset = offsets[n++];
            WriteIndexEntry(bytes.AsSpan(RpmFormat.HeaderIntroSize + (n * RpmFormat.IndexEntrySize)), tag, value.Type, offset, value.Count);
            value.Data.CopyTo(bytes.AsSpan(storeStart + offset));
        }

        // The trailer repeats the region tag with offset -(index entries * 16): the region spans the whole index.
        WriteIndexEntry(bytes.AsSpan(storeStart + trailerOffset), regionTag, RpmTagType.Bin, -(indexCount * RpmFormat.IndexEntrySize), RpmFormat.IndexEntrySize);
        return bytes;
    }

    private static void WriteIndexEntry(Span<byte> destination, int tag, RpmTagType type, int offset, int count)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, tag);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], (int)type);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], offset);
        BinaryPrimitives.WriteInt32BigEndian(destination[12..], count);
    }

    private static byte[] EncodeStrings(int tag, IReadOnlyList<string> values)
    {
        using var buffer = new MemoryStream();
        foreach (var value in values)
        {
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Header tag {tag}: the value '{value.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character.", nameof(values));
            }

            buffer.Write(Encoding.UTF8.GetBytes(value));
            buffer.WriteByte(0);
        }

        return buffer.ToArray();
    }

    private void Add(int tag, RpmTagType type, int count, byte[] data)
    {
        if (!_entries.TryAdd(tag, new Value(type, count, data)))
        {
            throw new InvalidOperationException($"Header tag {tag} was added twice.");
        }
    }

    private sealed record Value(RpmTagType Type, int Count, byte[] Data);
}
