using System.Text;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Metadata;

/// <summary>
/// Typed access to a header's tags for the views: a tag of the wrong type or a parallel array whose length
/// disagrees with its leading array is corrupt input, reported as <see cref="InvalidDataException"/> naming
/// the tag, never as an index or cast error.
/// </summary>
internal static class HeaderArrays
{
    public static string TagName(int tag) => Enum.IsDefined(typeof(RpmTag), tag) ? $"{((RpmTag)tag).ToString().ToUpperInvariant()} ({tag})" : tag.ToString();

    /// <summary>Every string element of <paramref name="tag"/>, or null when absent.</summary>
    public static string[]? Strings(RpmHeader header, RpmTag tag)
    {
        var entry = header.Find(tag);
        if (entry is null)
        {
            return null;
        }

        return RpmTagTypes.IsString(entry.Type)
            ? entry.GetStrings()
            : throw new InvalidDataException($"Tag '{TagName((int)tag)}' is {entry.Type}; a string type was expected.");
    }

    /// <summary>A single string value (first element), or "" when absent.</summary>
    public static string String(RpmHeader header, RpmTag tag)
    {
        var values = Strings(header, tag);
        return values is null || values.Length == 0 ? "" : values[0];
    }

    /// <summary>Every integer element of <paramref name="tag"/>, or null when absent.</summary>
    public static ulong[]? Numbers(RpmHeader header, RpmTag tag)
    {
        var entry = header.Find(tag);
        if (entry is null)
        {
            return null;
        }

        return RpmTagTypes.IsInteger(entry.Type)
            ? entry.GetUInt64s()
            : throw new InvalidDataException($"Tag '{TagName((int)tag)}' is {entry.Type}; an integer type was expected.");
    }

    public static ulong? Number(RpmHeader header, RpmTag tag)
    {
        var values = Numbers(header, tag);
        return values is null || values.Length == 0 ? null : values[0];
    }

    /// <summary>Strings of a tag parallel to a leading array of <paramref name="count"/> elements; absent means all "".</summary>
    public static string[] ParallelStrings(RpmHeader header, RpmTag tag, int count, RpmTag leader)
    {
        var values = Strings(header, tag);
        if (values is null)
        {
            return Enumerable.Repeat("", count).ToArray();
        }

        CheckLength(tag, values.Length, count, leader);
        return values;
    }

    /// <summary>Integers of a tag parallel to a leading array; absent means all <paramref name="absent"/>.</summary>
    public static ulong[] ParallelNumbers(RpmHeader header, RpmTag tag, int count, RpmTag leader, ulong absent = 0)
    {
        var values = Numbers(header, tag);
        if (values is null)
        {
            return Enumerable.Repeat(absent, count).ToArray();
        }

        CheckLength(tag, values.Length, count, leader);
        return values;
    }

    public static void CheckLength(RpmTag tag, int actual, int expected, RpmTag leader)
    {
        if (actual != expected)
        {
            throw new InvalidDataException($"Tag '{TagName((int)tag)}' has {actual} elements but '{TagName((int)leader)}' has {expected}.");
        }
    }

    /// <summary>Lowercase hex of raw bytes, as rpm prints BIN values.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
