using System.Buffers;
using System.Text;

namespace Basalt.Rpm.Query;

/// <summary>
/// Renders compiled tokens against one header as rpm's headerFormat/singleSprintf does: tags outside arrays show
/// element 0, arrays iterate their tags in parallel (all must have the same count), conditions test presence,
/// and a leading <c>%{*}</c> repeats the first token once per stored tag with raw values.
/// </summary>
internal sealed class QueryRenderer
{
    private static readonly byte[] None = "(none)"u8.ToArray();

    private readonly QueryHeader _header;
    private readonly ArrayBufferWriter<byte> _output;
    private readonly Dictionary<int, QueryValue?> _rawCache = [];
    private TagToken? _iterating;
    private int _iterationTag;

    private QueryRenderer(QueryHeader header, ArrayBufferWriter<byte> output)
    {
        _header = header;
        _output = output;
    }

    public static void Render(QueryToken[] tokens, QueryHeader header, ArrayBufferWriter<byte> output) =>
        new QueryRenderer(header, output).RenderTop(tokens);

    private void RenderTop(QueryToken[] tokens)
    {
        if (tokens.Length == 0)
        {
            return;
        }

        var iterator = tokens[0] switch
        {
            TagToken { Tag: TagToken.AllTags } tag => tag,
            ArrayToken { Body: [TagToken { Tag: TagToken.AllTags } tag, ..] } => tag,
            _ => null,
        };
        if (iterator is null)
        {
            foreach (var token in tokens)
            {
                Render(token, 0);
            }

            return;
        }

        var xml = iterator.Formatter == QueryFormatterKind.Xml;
        if (xml)
        {
            Write("<rpmHeader>\n"u8);
        }

        // rpm renders only the first token, once per tag, with raw (non-extension) values.
        _iterating = iterator;
        foreach (var tag in _header.Tags())
        {
            _iterationTag = tag;
            Render(tokens[0], 0);
        }

        if (xml)
        {
            Write("</rpmHeader>\n"u8);
        }
    }

    private void Render(QueryToken token, int element)
    {
        switch (token)
        {
            case LiteralToken literal:
                Write(literal.Bytes);
                break;
            case TagToken tag:
                RenderTag(tag, tag.JustOne ? 0 : element);
                break;
            case ConditionToken condition:
                var present = condition.Tag is { } t && (Value(t) is not null || _header.Contains(t));
                foreach (var inner in present ? condition.Present : condition.Absent)
                {
                    Render(inner, element);
                }

                break;
            case ArrayToken array:
                RenderArray(array);
                break;
        }
    }

    private int TagOf(TagToken token) => ReferenceEquals(token, _iterating) ? _iterationTag : token.Tag;

    /// <summary>getData: extension-aware values normally, raw values while iterating %{*}.</summary>
    private QueryValue? Value(int tag)
    {
        if (tag == TagToken.AllTags)
        {
            return null;
        }

        if (_iterating is null)
        {
            return _header.Get(tag);
        }

        if (!_rawCache.TryGetValue(tag, out var value))
        {
            value = _header.Raw(tag);
            _rawCache[tag] = value;
        }

        return value;
    }

    private void RenderTag(TagToken token, int element)
    {
        var value = Value(TagOf(token));
        var text = value is not null && value.Count > element ? QueryFormatters.Format(value, element, token.Formatter) : None;
        var padding = token.Padding;
        if (padding.Literal is { } literal)
        {
            Write(literal);
            return;
        }

        var fill = padding.Width - text.Length;
        if (fill > 0 && !padding.LeftJustify)
        {
            Spaces(fill);
        }

        Write(text);
        if (fill > 0 && padding.LeftJustify)
        {
            Spaces(fill);
        }
    }

    private void RenderArray(ArrayToken array)
    {
        var count = 0;
        var found = false;
        foreach (var child in array.Body)
        {
            if (child is not TagToken { JustOne: false } tag || Value(TagOf(tag)) is not { } value)
            {
                continue;
            }

            found = true;
            if (count > 0 && value.ArrayCount != count)
            {
                throw new InvalidDataException($"Query format: array iterator used with different sized arrays ('{Name(TagOf(tag))}' has {value.ArrayCount} elements, earlier tags {count}).");
            }

            count = Math.Max(count, value.ArrayCount);
        }

        if (!found || count == 0 || array.Body.Length == 0)
        {
            return;
        }

        var xml = array.Body[0] is TagToken { Formatter: QueryFormatterKind.Xml } first ? first : null;
        if (xml is not null)
        {
            Write(Encoding.ASCII.GetBytes($"  <rpmTag name=\"{QueryTagTable.DisplayNameOf(TagOf(xml)) ?? "(unknown)"}\">\n"));
        }

        for (var i = 0; i < count; i++)
        {
            foreach (var child in array.Body)
            {
                Render(child, i);
            }
        }

        if (xml is not null)
        {
            Write("  </rpmTag>\n"u8);
        }
    }

    private static string Name(int tag) => QueryTagTable.NameOf(tag) ?? tag.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (_output.WrittenCount + (long)bytes.Length > RpmQueryFormatter.MaxOutputBytes)
        {
            throw new InvalidDataException($"Query output exceeds {RpmQueryFormatter.MaxOutputBytes} bytes for one header.");
        }

        _output.Write(bytes);
    }

    private void Spaces(int count)
    {
        if (_output.WrittenCount + (long)count > RpmQueryFormatter.MaxOutputBytes)
        {
            throw new InvalidDataException($"Query output exceeds {RpmQueryFormatter.MaxOutputBytes} bytes for one header.");
        }

        _output.GetSpan(count)[..count].Fill((byte)' ');
        _output.Advance(count);
    }
}
