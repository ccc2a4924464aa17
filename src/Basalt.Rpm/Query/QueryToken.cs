namespace Basalt.Rpm.Query;

/// <summary>One compiled piece of a query format (rpm's headerfmt.c token kinds: string, tag, array, condition).</summary>
internal abstract record QueryToken;

/// <summary>Literal bytes, escapes already resolved.</summary>
internal sealed record LiteralToken(byte[] Bytes) : QueryToken;

/// <summary>
/// <c>%[width]{[=|#]TAG[:formatter]}</c>. <see cref="Tag"/> is <see cref="AllTags"/> for <c>%{*}</c>.
/// <see cref="JustOne"/> renders element 0 even inside an array (<c>=</c> and <c>#</c>).
/// </summary>
internal sealed record TagToken(int Tag, QueryFormatterKind Formatter, QueryPadding Padding, bool JustOne) : QueryToken
{
    public const int AllTags = -2;
}

/// <summary><c>[ … ]</c>: the body repeated once per element of the arrays it names.</summary>
internal sealed record ArrayToken(QueryToken[] Body) : QueryToken;

/// <summary><c>%|TAG?{present}:{absent}|</c>; an unknown tag name is simply never present (rpm ignores it).</summary>
internal sealed record ConditionToken(int? Tag, QueryToken[] Present, QueryToken[] Absent) : QueryToken;

/// <summary>
/// The printf flags and width between '%' and '{': '-' left-justifies, '0' is accepted and ignored (as glibc does
/// for %s), the width counts bytes. A spec glibc would not accept is printed literally, as glibc does.
/// </summary>
internal sealed record QueryPadding(int Width, bool LeftJustify, byte[]? Literal)
{
    public static readonly QueryPadding None = new(0, false, null);

    /// <summary>rpm passes the text to printf as "%&lt;text&gt;s"; this is how glibc reads it.</summary>
    public static QueryPadding Parse(string text, int offset)
    {
        if (text.Length == 0)
        {
            return None;
        }

        var i = 0;
        var left = false;
        while (i < text.Length && text[i] is '-' or '0')
        {
            left |= text[i] == '-';
            i++;
        }

        var widthStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i != text.Length)
        {
            return new QueryPadding(0, false, System.Text.Encoding.ASCII.GetBytes("%" + text + "s"));
        }

        var digits = text[widthStart..];
        if (digits.Length == 0)
        {
            return new QueryPadding(0, left, null);
        }

        // A hostile width would make us allocate without bound; rpm itself fails above INT_MAX.
        return int.TryParse(digits, out var width) && width <= QueryFormatLimits.MaxFieldWidth
            ? new QueryPadding(width, left, null)
            : throw new FormatException($"Query format: field width \"{digits}\" at offset {offset} is larger than {QueryFormatLimits.MaxFieldWidth}.");
    }
}

/// <summary>Bounds that keep a hostile format or header from exhausting memory.</summary>
internal static class QueryFormatLimits
{
    public const int MaxFieldWidth = 1 << 20;

    public const int MaxNesting = 64;
}
