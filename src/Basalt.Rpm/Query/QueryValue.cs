using Basalt.Rpm.Format;

namespace Basalt.Rpm.Query;

/// <summary>
/// A tag's value as rpm's query formatters see it (an rpmtd): its type and elements, strings as raw bytes so
/// output stays byte-exact whatever the header's encoding.
/// </summary>
internal sealed class QueryValue
{
    private QueryValue(int tag, RpmTagType type, int count, ulong[]? numbers, byte[][]? strings, byte[]? binary)
    {
        Tag = tag;
        Type = type;
        Count = count;
        Numbers = numbers;
        Strings = strings;
        Binary = binary;
    }

    public int Tag { get; }

    public RpmTagType Type { get; }

    /// <summary>The element count; for BIN the byte count (rpm's td->count).</summary>
    public int Count { get; }

    /// <summary>The count arrays iterate over (rpmtdCount): 1 for BIN.</summary>
    public int ArrayCount => Type == RpmTagType.Bin ? 1 : Count;

    public ulong[]? Numbers { get; }

    public byte[][]? Strings { get; }

    public byte[]? Binary { get; }

    public bool IsNumber => Numbers is not null;

    public bool IsString => Strings is not null;

    public bool IsBinary => Binary is not null;

    public static QueryValue FromNumbers(int tag, RpmTagType type, ulong[] numbers) => new(tag, type, numbers.Length, numbers, null, null);

    public static QueryValue FromStrings(int tag, RpmTagType type, byte[][] strings) => new(tag, type, strings.Length, null, strings, null);

    public static QueryValue FromBinary(int tag, byte[] bytes) => new(tag, RpmTagType.Bin, bytes.Length, null, null, bytes);

    /// <summary>Decodes a header entry; <paramref name="tag"/> is the number the value is reported under (merged signature tags are renumbered).</summary>
    public static QueryValue FromEntry(RpmHeaderEntry entry, int tag)
    {
        if (RpmTagTypes.IsInteger(entry.Type))
        {
            return FromNumbers(tag, entry.Type, entry.GetUInt64s());
        }

        if (RpmTagTypes.IsString(entry.Type))
        {
            return FromStrings(tag, entry.Type, Array.ConvertAll(entry.GetStringBytes(), m => m.ToArray()));
        }

        // BIN, and NULL which rpm cannot format either ("(unknown type)" in the string formatter).
        return entry.Type == RpmTagType.Bin
            ? FromBinary(tag, entry.Data.ToArray())
            : new QueryValue(tag, entry.Type, entry.Count, null, null, null);
    }
}
