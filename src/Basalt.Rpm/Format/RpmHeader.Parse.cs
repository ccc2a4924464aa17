using System.Buffers.Binary;
using Basalt.IO;

namespace Basalt.Rpm.Format;

/// <summary>
/// Parsing and validation of a header structure (format_header.md). Every count, offset and size is
/// checked against the data store before use, as rpm's hdrblobVerifyInfo does, so a hostile header
/// fails with a message naming the entry and offset instead of reading out of bounds.
/// </summary>
public sealed partial class RpmHeader
{
    /// <summary>Reads one header structure from <paramref name="stream"/>, which is left just after it.</summary>
    /// <param name="what">Names the header in errors, e.g. "'hello.rpm' signature header".</param>
    /// <param name="streamOffset">The header's offset in the file, for error messages.</param>
    public static RpmHeader Read(Stream stream, string what, long streamOffset)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> intro = stackalloc byte[RpmFormat.HeaderIntroSize];
        stream.ReadExactly(intro, what, streamOffset);
        var (indexCount, dataSize) = ParseIntro(intro, what, streamOffset);
        var total = RpmFormat.HeaderIntroSize + checked((indexCount * RpmFormat.IndexEntrySize) + dataSize);
        var bytes = new byte[total];
        intro.CopyTo(bytes);
        stream.ReadExactly(bytes.AsSpan(RpmFormat.HeaderIntroSize), what, streamOffset + RpmFormat.HeaderIntroSize);
        return Parse(bytes, what, streamOffset);
    }

    /// <summary>Parses a header structure that starts at the beginning of <paramref name="bytes"/>.</summary>
    public static RpmHeader Parse(ReadOnlyMemory<byte> bytes, string what, long streamOffset = 0)
    {
        var span = bytes.Span;
        if (span.Length < RpmFormat.HeaderIntroSize)
        {
            throw new InvalidDataException($"{what} at offset {streamOffset} is truncated ({span.Length} bytes).");
        }

        var (indexCount, dataSize) = ParseIntro(span[..RpmFormat.HeaderIntroSize], what, streamOffset);
        var indexEnd = RpmFormat.HeaderIntroSize + (indexCount * RpmFormat.IndexEntrySize);
        var total = indexEnd + dataSize;
        if (span.Length < total)
        {
            throw new InvalidDataException($"{what} at offset {streamOffset} is truncated: {total} bytes declared, {span.Length} present.");
        }

        var store = bytes[indexEnd..total];
        var entries = new RpmHeaderEntry[indexCount];
        for (var i = 0; i < indexCount; i++)
        {
            var record = span.Slice(RpmFormat.HeaderIntroSize + (i * RpmFormat.IndexEntrySize), RpmFormat.IndexEntrySize);
            entries[i] = ParseEntry(record, store, i, what);
        }

        var (regionTag, regionCount) = ParseRegion(entries, store.Span, what);
        return new RpmHeader(bytes[..total], entries, regionTag, regionCount);
    }

    private static (int IndexCount, int DataSize) ParseIntro(ReadOnlySpan<byte> intro, string what, long streamOffset)
    {
        if (!intro[..4].SequenceEqual(RpmFormat.HeaderMagic))
        {
            throw new InvalidDataException($"{what}: bad header magic at offset {streamOffset}.");
        }

        var indexCount = BinaryPrimitives.ReadInt32BigEndian(intro[8..]);
        var dataSize = BinaryPrimitives.ReadInt32BigEndian(intro[12..]);
        if (indexCount is < 1 or > RpmFormat.MaxIndexEntries)
        {
            throw new InvalidDataException($"{what}: index entry count {indexCount} at offset {streamOffset + 8} is out of range (1..{RpmFormat.MaxIndexEntries}).");
        }

        if (dataSize is < 0 or > RpmFormat.MaxDataSize)
        {
            throw new InvalidDataException($"{what}: data size {dataSize} at offset {streamOffset + 12} is out of range (0..{RpmFormat.MaxDataSize}).");
        }

        return (indexCount, dataSize);
    }

    private static RpmHeaderEntry ParseEntry(ReadOnlySpan<byte> record, ReadOnlyMemory<byte> store, int index, string what)
    {
        var tag = BinaryPrimitives.ReadInt32BigEndian(record);
        var rawType = BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
        var offset = BinaryPrimitives.ReadInt32BigEndian(record[8..]);
        var rawCount = BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
        var where = $"{what}: entry {index} (tag {tag})";
        if (rawType > (uint)RpmTagType.I18NString)
        {
            throw new InvalidDataException($"{where} has unknown type {rawType}.");
        }

        var type = (RpmTagType)rawType;
        if (rawCount is 0 or > RpmFormat.MaxEntryCount)
        {
            throw new InvalidDataException($"{where} has invalid count {rawCount}.");
        }

        var count = (int)rawCount;
        if (offset < 0 || offset >= store.Length)
        {
            throw new InvalidDataException($"{where} has offset {offset} outside the {store.Length}-byte data store.");
        }

        var elementSize = RpmTagTypes.ElementSize(type);
        if (elementSize > 1 && offset % elementSize != 0)
        {
            throw new InvalidDataException($"{where} ({type}) has misaligned offset {offset}.");
        }

        if (type == RpmTagType.String && count != 1)
        {
            throw new InvalidDataException($"{where} is a STRING with count {count}; rpm requires 1.");
        }

        var length = RpmTagTypes.IsString(type)
            ? StringsLength(store.Span[offset..], count, where)
            : (long)count * elementSize;
        if (offset + length > store.Length)
        {
            throw new InvalidDataException($"{where} at offset {offset} with {length} bytes runs past the {store.Length}-byte data store.");
        }

        return new RpmHeaderEntry(tag, type, offset, count, store.Slice(offset, (int)length));
    }

    /// <summary>The byte length of <paramref name="count"/> NUL-terminated strings, each required to end inside the store.</summary>
    private static int StringsLength(ReadOnlySpan<byte> rest, int count, string where)
    {
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            var end = rest[length..].IndexOf((byte)0);
            if (end < 0)
            {
                throw new InvalidDataException($"{where}: string {i} of {count} is not NUL-terminated inside the data store.");
            }

            length += end + 1;
        }

        return length;
    }

    /// <summary>
    /// A header's first entry may be a region tag whose 16-byte value is a trailer entry: the same tag,
    /// BIN, a negative offset of -16 × (entries in the region), count 16. rpm refuses headers whose
    /// trailer disagrees; so do we.
    /// </summary>
    private static (int Tag, int Count) ParseRegion(RpmHeaderEntry[] entries, ReadOnlySpan<byte> store, string what)
    {
        var first = entries[0];
        if (first.Tag is not (RpmFormat.HeaderImageTag or RpmFormat.HeaderSignaturesTag or RpmFormat.HeaderImmutableTag))
        {
            return (0, 0);
        }

        if (first.Type != RpmTagType.Bin || first.Count != RpmFormat.IndexEntrySize)
        {
            throw new InvalidDataException($"{what}: region tag {first.Tag} is {first.Type} with count {first.Count}; expected BIN with count 16.");
        }

        var trailer = store.Slice(first.Offset, RpmFormat.IndexEntrySize);
        var trailerTag = BinaryPrimitives.ReadInt32BigEndian(trailer);
        var trailerOffset = BinaryPrimitives.ReadInt32BigEndian(trailer[8..]);
        var regionCount = trailerOffset < 0 && trailerOffset % RpmFormat.IndexEntrySize == 0 ? -(trailerOffset / RpmFormat.IndexEntrySize) : -1;
        // Old packages write HEADERIMAGE (61) in the trailer of an immutable region.
        var tagMatches = trailerTag == first.Tag || trailerTag == RpmFormat.HeaderImageTag;
        if (!tagMatches || regionCount < 1 || regionCount > entries.Length)
        {
            throw new InvalidDataException($"{what}: region trailer at data offset {first.Offset} is invalid (tag {trailerTag}, offset {trailerOffset}).");
        }

        return (first.Tag, regionCount);
    }
}
