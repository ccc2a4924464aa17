namespace Basalt.Rpm.Format;

/// <summary>
/// Magic numbers, sizes and limits of the RPM v4/v6 package file layout: a 96-byte lead, a signature
/// header padded to 8 bytes, the main header, then the payload (rpm's "RPM file format" documentation,
/// doc/manual/format_header.md and format_lead.md).
/// </summary>
public static class RpmFormat
{
    /// <summary>The lead's magic: ed ab ee db.</summary>
    public static ReadOnlySpan<byte> LeadMagic => [0xED, 0xAB, 0xEE, 0xDB];

    /// <summary>A header structure's magic: 8e ad e8, version 01, then four reserved bytes.</summary>
    public static ReadOnlySpan<byte> HeaderMagic => [0x8E, 0xAD, 0xE8, 0x01];

    public const int LeadSize = 96;

    /// <summary>Magic (3), version (1), reserved (4), index count (4), data size (4).</summary>
    public const int HeaderIntroSize = 16;

    public const int IndexEntrySize = 16;

    /// <summary>The lead's signature type for a header-structured signature (the only one in use since rpm 3).</summary>
    public const short SignatureTypeHeader = 5;

    /// <summary>rpm's hdrchkTags: an index with more entries than this is corrupt.</summary>
    public const int MaxIndexEntries = 0xFFFF;

    /// <summary>rpm's hdrchkData: a data store larger than this (256 MiB) is corrupt.</summary>
    public const int MaxDataSize = 0x0FFFFFFF;

    /// <summary>Maximum element count for one entry; guards the per-element loops.</summary>
    public const int MaxEntryCount = 0x0FFFFFFF;

    /// <summary>Region tags: the first entry of a header points at a trailer describing the immutable region.</summary>
    public const int HeaderImageTag = 61;

    public const int HeaderSignaturesTag = 62;

    public const int HeaderImmutableTag = 63;

    public const int HeaderI18NTableTag = 100;
}
