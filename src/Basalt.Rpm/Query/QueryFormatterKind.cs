namespace Basalt.Rpm.Query;

/// <summary>The value formatters of rpm 4.18 (lib/formats.c), selected with <c>%{TAG:name}</c>.</summary>
internal enum QueryFormatterKind
{
    String,
    Armor,
    Base64,
    PgpSig,
    DepFlags,
    DepType,
    FFlags,
    Perms,
    TriggerType,
    Xml,
    Octal,
    Hex,
    Date,
    Day,
    ShEscape,
    ArraySize,
    FState,
    VFlags,
    Expand,
    FStatus,
    HumanSi,
    HumanIec,
    TagName,
    TagNum,
}

internal static class QueryFormatterNames
{
    /// <summary>The names rpm 4.18 accepts after ':' (case-sensitive, as rpm compares them with strcmp).</summary>
    public static QueryFormatterKind? Find(string name) => name switch
    {
        "string" => QueryFormatterKind.String,
        "armor" => QueryFormatterKind.Armor,
        "base64" => QueryFormatterKind.Base64,
        "pgpsig" => QueryFormatterKind.PgpSig,
        "depflags" => QueryFormatterKind.DepFlags,
        "deptype" => QueryFormatterKind.DepType,
        "fflags" => QueryFormatterKind.FFlags,
        "perms" or "permissions" => QueryFormatterKind.Perms,
        "triggertype" => QueryFormatterKind.TriggerType,
        "xml" => QueryFormatterKind.Xml,
        "octal" => QueryFormatterKind.Octal,
        "hex" => QueryFormatterKind.Hex,
        "date" => QueryFormatterKind.Date,
        "day" => QueryFormatterKind.Day,
        "shescape" => QueryFormatterKind.ShEscape,
        "arraysize" => QueryFormatterKind.ArraySize,
        "fstate" => QueryFormatterKind.FState,
        "vflags" => QueryFormatterKind.VFlags,
        "expand" => QueryFormatterKind.Expand,
        "fstatus" => QueryFormatterKind.FStatus,
        "humansi" => QueryFormatterKind.HumanSi,
        "humaniec" => QueryFormatterKind.HumanIec,
        "tagname" => QueryFormatterKind.TagName,
        "tagnum" => QueryFormatterKind.TagNum,
        _ => null,
    };
}
