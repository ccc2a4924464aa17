using System.Buffers.Binary;
using System.Text;

namespace Basalt.Rpm.Format;

/// <summary>
/// One entry of a header's index with its value bytes. Values are decoded on demand from
/// <see cref="Data"/>, which spans exactly the entry's elements (strings include their NULs).
/// </summary>
public sealed class RpmHeaderEntry
{
    internal RpmHeaderEntry(int tag, RpmTagType type, int offset, int count, ReadOnlyMemory<byte> data)
    {
        Tag = tag;
        Type = type;
        Offset = offset;
        Count = count;
        Data = data;
    }

    /// <summary>The tag number (see <see cref="RpmTag"/> and <see cref="RpmSignatureTag"/>).</summary>
    public int Tag { get; }

    public RpmTagType Type { get; }

    /// <summary>Offset of the value in the header's data store.</summary>
    public int Offset { get; }

    /// <summary>The element count (for BIN, the byte count).</summary>
    public int Count { get; }

    /// <summary>The raw value bytes, big-endian integers or NUL-terminated strings.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Integer element <paramref name="index"/> as rpm formats it: INT32 and smaller are unsigned.</summary>
    public ulong GetUInt64(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var span = Data.Span;
        return Type switch
        {
            RpmTagType.Char or RpmTagType.Int8 => span[index],
            RpmTagType.Int16 => BinaryPrimitives.ReadUInt16BigEndian(span[(index * 2)..]),
            RpmTagType.Int32 => BinaryPrimitives.ReadUInt32BigEndian(span[(index * 4)..]),
            RpmTagType.Int64 => BinaryPrimitives.ReadUInt64BigEndian(span[(index * 8)..]),
            _ => throw new InvalidOperationException($"Tag {Tag} is {Type}, not an integer type."),
        };
    }

    /// <summary>Every integer element, widened.</summary>
    public ulong[] GetUInt64s()
    {
        var values = new ulong[Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = GetUInt64(i);
        }

        return values;
    }

    /// <summary>The raw bytes (without NUL) of each string element, in order.</summary>
    public ReadOnlyMemory<byte>[] GetStringBytes()
    {
        if (!RpmTagTypes.IsString(Type))
        {
            throw new InvalidOperationException($"Tag {Tag} is {Type}, not a string type.");
        }

        var result = new ReadOnlyMemory<byte>[Count];
        var rest = Data;
        for (var i = 0; i < result.Length; i++)
        {
            var end = rest.Span.IndexOf((byte)0);
            result[i] = rest[..end];
            rest = rest[(end + 1)..];
        }

        return result;
    }

    /// <summary>
    /// The string elements decoded as UTF-8. Header strings carry no declared encoding (old packages use
    /// Latin-1 in changelogs); invalid sequences become U+FFFD, so use <see cref="GetStringBytes"/> when
    /// the exact bytes matter.
    /// </summary>
    public string[] GetStrings() => Array.ConvertAll(GetStringBytes(), b => Encoding.UTF8.GetString(b.Span));
}
