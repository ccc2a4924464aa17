namespace Basalt.Rpm.Format;

/// <summary>The data type of a header entry (rpmtag.h, rpmTagType).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are rpm's own type names.")]
public enum RpmTagType
{
    Null = 0,
    Char = 1,
    Int8 = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    String = 6,
    Bin = 7,
    StringArray = 8,
    I18NString = 9,
}

/// <summary>Facts about each <see cref="RpmTagType"/> used when validating and decoding entries.</summary>
public static class RpmTagTypes
{
    /// <summary>The size in bytes of one element, or 0 for the NUL-terminated string types.</summary>
    public static int ElementSize(RpmTagType type) => type switch
    {
        RpmTagType.Null => 0,
        RpmTagType.Char or RpmTagType.Int8 or RpmTagType.Bin => 1,
        RpmTagType.Int16 => 2,
        RpmTagType.Int32 => 4,
        RpmTagType.Int64 => 8,
        _ => 0,
    };

    /// <summary>True for the types whose elements are NUL-terminated strings.</summary>
    public static bool IsString(RpmTagType type) =>
        type is RpmTagType.String or RpmTagType.StringArray or RpmTagType.I18NString;

    /// <summary>True for the integer types (CHAR counts as an 8-bit integer when formatted).</summary>
    public static bool IsInteger(RpmTagType type) =>
        type is RpmTagType.Char or RpmTagType.Int8 or RpmTagType.Int16 or RpmTagType.Int32 or RpmTagType.Int64;
}
