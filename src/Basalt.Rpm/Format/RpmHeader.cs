using System.Collections.Frozen;

namespace Basalt.Rpm.Format;

/// <summary>
/// A parsed header structure (the signature header or the main header): its index entries in stored
/// order and the exact bytes it was parsed from, which the header digests and signatures cover.
/// </summary>
public sealed partial class RpmHeader
{
    private readonly FrozenDictionary<int, RpmHeaderEntry> _byTag;

    private RpmHeader(ReadOnlyMemory<byte> bytes, IReadOnlyList<RpmHeaderEntry> entries, int regionTag, int regionEntryCount)
    {
        Bytes = bytes;
        Entries = entries;
        RegionTag = regionTag;
        RegionEntryCount = regionEntryCount;
        var byTag = new Dictionary<int, RpmHeaderEntry>();
        foreach (var entry in entries)
        {
            // rpm keeps the first entry of a duplicated tag (headerGet finds the first in sorted order).
            byTag.TryAdd(entry.Tag, entry);
        }

        _byTag = byTag.ToFrozenDictionary();
    }

    /// <summary>The header exactly as stored: magic, counts, index and data store (no trailing padding).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Index entries in stored order.</summary>
    public IReadOnlyList<RpmHeaderEntry> Entries { get; }

    /// <summary>The region tag (62 signatures, 63 immutable) when the header has one, else 0.</summary>
    public int RegionTag { get; }

    /// <summary>How many index entries the region covers (including the region entry itself); 0 without a region.</summary>
    public int RegionEntryCount { get; }

    public bool Contains(int tag) => _byTag.ContainsKey(tag);

    public bool Contains(RpmTag tag) => Contains((int)tag);

    public RpmHeaderEntry? Find(int tag) => _byTag.GetValueOrDefault(tag);

    public RpmHeaderEntry? Find(RpmTag tag) => Find((int)tag);

    public RpmHeaderEntry? Find(RpmSignatureTag tag) => Find((int)tag);

    /// <summary>A STRING value, or the first element of a STRING_ARRAY / I18NSTRING (the C locale's text).</summary>
    public string? GetString(RpmTag tag)
    {
        var entry = Find(tag);
        return entry is null || !RpmTagTypes.IsString(entry.Type) || entry.Count == 0 ? null : entry.GetStrings()[0];
    }

    /// <summary>Every string element, or an empty array when the tag is absent.</summary>
    public string[] GetStrings(RpmTag tag)
    {
        var entry = Find(tag);
        return entry is null || !RpmTagTypes.IsString(entry.Type) ? [] : entry.GetStrings();
    }

    /// <summary>The first integer element, or null when the tag is absent or not an integer.</summary>
    public ulong? GetNumber(RpmTag tag) => GetNumber((int)tag);

    public ulong? GetNumber(int tag)
    {
        var entry = Find(tag);
        return entry is null || !RpmTagTypes.IsInteger(entry.Type) || entry.Count == 0 ? null : entry.GetUInt64(0);
    }

    /// <summary>Every integer element, or an empty array when the tag is absent.</summary>
    public ulong[] GetNumbers(RpmTag tag)
    {
        var entry = Find(tag);
        return entry is null || !RpmTagTypes.IsInteger(entry.Type) ? [] : entry.GetUInt64s();
    }

    /// <summary>A BIN value (or the raw bytes of any other type), or null when absent.</summary>
    public ReadOnlyMemory<byte>? GetBinary(int tag) => Find(tag)?.Data;
}
