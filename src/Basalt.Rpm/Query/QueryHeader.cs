using Basalt.Rpm.Format;

namespace Basalt.Rpm.Query;

/// <summary>
/// A package header as <c>rpm -qp</c> sees it when formatting: the main header, plus the signature tags rpm
/// copies into it on read (headerMergeLegacySigs), plus the conversions rpm applies to legacy headers without an
/// immutable region (file list compression, self-provide). Values are decoded lazily and cached per tag.
/// </summary>
internal sealed partial class QueryHeader
{
    /// <summary>Signature tag → (main-header tag, required type, required count or 0, present-in-either quirk): rpm 4.18's xlateTags.</summary>
    private static readonly (int SigTag, int Tag, RpmTagType Type, int Count)[] SignatureTags =
    [
        (1000, 257, RpmTagType.Int32, 1),
        (1002, 259, RpmTagType.Bin, 0),
        (1004, 261, RpmTagType.Bin, 16),
        (1005, 262, RpmTagType.Bin, 0),
        (1007, 1046, RpmTagType.Int32, 1),
        (274, 5090, RpmTagType.StringArray, 0),
        (275, 5091, RpmTagType.Int32, 1),
        (276, 276, RpmTagType.StringArray, 0),
        (277, 277, RpmTagType.Int32, 1),
        (269, 269, RpmTagType.String, 1),
        (273, 273, RpmTagType.String, 1),
        (267, 267, RpmTagType.Bin, 0),
        (268, 268, RpmTagType.Bin, 0),
        (270, 270, RpmTagType.Int64, 1),
        (271, 271, RpmTagType.Int64, 1),
    ];

    private readonly RpmHeader _header;
    private readonly Dictionary<int, QueryValue> _added = [];
    private readonly HashSet<int> _removed = [];
    private readonly Dictionary<int, QueryValue?> _cache = [];

    public QueryHeader(RpmHeader header, RpmHeader? signature = null, bool isSourceLead = false)
    {
        ArgumentNullException.ThrowIfNull(header);
        _header = header;
        if (signature is not null)
        {
            MergeSignature(signature);
        }

        if (header.RegionTag == 0)
        {
            RetrofitLegacy();
        }

        // rpm marks a package read from a source lead as a source package when the header does not say so itself.
        if (isSourceLead && !Contains((int)RpmTag.SourceRpm) && !Contains((int)RpmTag.SourcePackage))
        {
            _added[(int)RpmTag.SourcePackage] = QueryValue.FromNumbers((int)RpmTag.SourcePackage, RpmTagType.Int32, [1]);
        }
    }

    /// <summary>headerIsEntry: the tag is stored (or merged) in the header.</summary>
    public bool Contains(int tag) => _added.ContainsKey(tag) || (!_removed.Contains(tag) && _header.Contains(tag));

    /// <summary>rpm's headerIsSource: a package without SOURCERPM.</summary>
    public bool IsSource => !Contains((int)RpmTag.SourceRpm);

    /// <summary>The stored value exactly (HEADERGET_RAW): I18NSTRING keeps every translation.</summary>
    public QueryValue? Raw(int tag)
    {
        if (_added.TryGetValue(tag, out var added))
        {
            return added;
        }

        if (_removed.Contains(tag))
        {
            return null;
        }

        var entry = _header.Find(tag);
        return entry is null ? null : QueryValue.FromEntry(entry, tag);
    }

    /// <summary>The value a query format sees (HEADERGET_EXT): extension tags computed, I18NSTRING narrowed to one string.</summary>
    public QueryValue? Get(int tag)
    {
        if (_cache.TryGetValue(tag, out var cached))
        {
            return cached;
        }

        var value = IsExtension(tag) ? Extension(tag) : Plain(tag);
        _cache[tag] = value;
        return value;
    }

    /// <summary>Every tag in the header in ascending order (headerNextTag), for <c>%{*}</c>; the region tag is skipped.</summary>
    public IEnumerable<int> Tags()
    {
        var tags = new SortedSet<int>(_added.Keys);
        foreach (var entry in _header.Entries)
        {
            if (!_removed.Contains(entry.Tag) && entry.Tag != _header.RegionTag)
            {
                tags.Add(entry.Tag);
            }
        }

        return tags;
    }

    /// <summary>A stored tag through headerGet's default path: an I18NSTRING yields the C locale's (first) string.</summary>
    private QueryValue? Plain(int tag)
    {
        var value = Raw(tag);
        if (value is { Type: RpmTagType.I18NString, Strings: { Length: > 0 } strings })
        {
            // Tests and CI pin LC_ALL=C.UTF-8, which matches the "C" entry of HEADERI18NTABLE: element 0.
            return QueryValue.FromStrings(tag, RpmTagType.String, [strings[0]]);
        }

        return value;
    }

    private void MergeSignature(RpmHeader signature)
    {
        foreach (var (sigTag, tag, type, count) in SignatureTags)
        {
            var entry = signature.Find(sigTag);
            if (entry is null || _header.Contains(tag) || _added.ContainsKey(tag))
            {
                continue;
            }

            // rpm refuses a signature tag of the wrong type or count; we leave it out.
            if (entry.Type != type || (count != 0 && entry.Count != count))
            {
                continue;
            }

            _added[tag] = QueryValue.FromEntry(entry, tag);
        }
    }
}
