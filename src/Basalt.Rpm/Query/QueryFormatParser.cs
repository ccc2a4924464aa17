using System.Text;

namespace Basalt.Rpm.Query;

/// <summary>
/// Compiles a query format the way rpm 4.18's headerfmt.c parses it (same grammar, same error texts), over
/// the format's UTF-8 bytes. Errors are <see cref="FormatException"/>s naming rpm's message and the byte offset.
/// </summary>
internal sealed class QueryFormatParser
{
    private enum State
    {
        Top,
        InArray,
        InExpression,
    }

    private readonly byte[] _text;
    private int _pos;
    private int _depth;

    private QueryFormatParser(byte[] text) => _text = text;

    public static QueryToken[] Parse(string format)
    {
        var parser = new QueryFormatParser(Encoding.UTF8.GetBytes(format));
        var tokens = parser.ParseSequence(State.Top, out var closed);
        return closed ? throw new InvalidOperationException("unreachable: top level cannot close") : tokens;
    }

    private bool AtEnd => _pos >= _text.Length;

    private byte Current => _text[_pos];

    private static FormatException Error(string message, int offset) =>
        new($"Query format: {message} at offset {offset}.");

    /// <summary>Parses tokens until the end, or until the closing ']' / '}' of <paramref name="state"/> (consumed).</summary>
    private QueryToken[] ParseSequence(State state, out bool closed)
    {
        if (++_depth > QueryFormatLimits.MaxNesting)
        {
            throw Error($"nesting deeper than {QueryFormatLimits.MaxNesting}", _pos);
        }

        var tokens = new List<QueryToken>();
        var literal = new List<byte>();
        closed = false;
        while (!AtEnd && !closed)
        {
            var c = Current;
            switch (c)
            {
                case (byte)'%' when _pos + 1 < _text.Length && _text[_pos + 1] == '%':
                    literal.Add((byte)'%');
                    _pos += 2;
                    break;
                case (byte)'%':
                    Flush(tokens, literal);
                    tokens.Add(ParsePercent());
                    break;
                case (byte)'[':
                {
                    Flush(tokens, literal);
                    var start = _pos++;
                    var body = ParseSequence(State.InArray, out var arrayClosed);
                    if (!arrayClosed)
                    {
                        throw Error("] expected at end of array", start);
                    }

                    tokens.Add(new ArrayToken(body));
                    break;
                }

                case (byte)']':
                    if (state != State.InArray)
                    {
                        throw Error("unexpected ]", _pos);
                    }

                    _pos++;
                    closed = true;
                    break;
                case (byte)'}':
                    if (state != State.InExpression)
                    {
                        throw Error("unexpected }", _pos);
                    }

                    _pos++;
                    closed = true;
                    break;
                case (byte)'\\':
                    if (_pos + 1 >= _text.Length)
                    {
                        throw Error("escaped char expected after \\", _pos);
                    }

                    literal.Add(Unescape(_text[_pos + 1]));
                    _pos += 2;
                    break;
                default:
                    literal.Add(c);
                    _pos++;
                    break;
            }
        }

        Flush(tokens, literal);
        _depth--;
        return [.. tokens];
    }

    /// <summary>rpm's escapedChar: the C escapes a b f n r t v; any other character stands for itself (no octal or hex).</summary>
    private static byte Unescape(byte c) => c switch
    {
        (byte)'a' => 7,
        (byte)'b' => 8,
        (byte)'f' => 12,
        (byte)'n' => 10,
        (byte)'r' => 13,
        (byte)'t' => 9,
        (byte)'v' => 11,
        _ => c,
    };

    private static void Flush(List<QueryToken> tokens, List<byte> literal)
    {
        if (literal.Count > 0)
        {
            tokens.Add(new LiteralToken([.. literal]));
            literal.Clear();
        }
    }

    /// <summary>At '%': a conditional <c>%|…|</c> or a tag <c>%[width]{…}</c>.</summary>
    private QueryToken ParsePercent()
    {
        var percent = _pos++;
        if (!AtEnd && Current == '|')
        {
            _pos++;
            return ParseCondition();
        }

        var widthStart = _pos;
        while (!AtEnd && Current != '{' && Current != '%')
        {
            if (!char.IsAsciiDigit((char)Current) && Current != '-')
            {
                throw Error("invalid field width", _pos);
            }

            _pos++;
        }

        if (AtEnd || Current == '%')
        {
            throw Error("missing { after %", percent);
        }

        var padding = QueryPadding.Parse(Encoding.ASCII.GetString(_text, widthStart, _pos - widthStart), widthStart);
        var braceAt = _pos++;
        var justOne = false;
        QueryFormatterKind? implied = null;
        if (!AtEnd && Current == '=')
        {
            justOne = true;
            _pos++;
        }
        else if (!AtEnd && Current == '#')
        {
            justOne = true;
            implied = QueryFormatterKind.ArraySize;
            _pos++;
        }

        var close = Array.IndexOf(_text, (byte)'}', _pos);
        if (close < 0)
        {
            throw Error("missing } after %{", braceAt);
        }

        var inner = Encoding.UTF8.GetString(_text, _pos, close - _pos);
        var innerOffset = _pos;
        _pos = close + 1;
        var colon = inner.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? inner : inner[..colon];
        string? formatterName = null;
        if (colon >= 0)
        {
            formatterName = inner[(colon + 1)..];
            if (formatterName.Length == 0)
            {
                throw Error("empty tag format", innerOffset + colon);
            }
        }

        if (name.Length == 0)
        {
            throw Error("empty tag name", innerOffset);
        }

        int tag;
        if (name == "*")
        {
            tag = TagToken.AllTags;
        }
        else
        {
            tag = QueryTagTable.Find(name) ?? throw Error($"unknown tag: \"{name}\"", innerOffset);
        }

        var formatter = formatterName is null ? implied ?? QueryFormatterKind.String : QueryFormatterNames.Find(formatterName);
        // rpm reports an unknown formatter as an unknown tag (findTag fails on either).
        return formatter is { } kind
            ? new TagToken(tag, kind, padding, justOne)
            : throw Error($"unknown tag: \"{name}\"", innerOffset);
    }

    /// <summary>After "%|": <c>TAG?{present}|</c> or <c>TAG?{present}:{absent}|</c>.</summary>
    private ConditionToken ParseCondition()
    {
        var start = _pos;
        var question = Array.IndexOf(_text, (byte)'?', _pos);
        if (question < 0)
        {
            throw Error("? expected in expression", start);
        }

        var name = Encoding.UTF8.GetString(_text, start, question - start);
        _pos = question + 1;
        if (AtEnd || Current != '{')
        {
            throw Error("{ expected after ? in expression", _pos);
        }

        _pos++;
        var present = ParseSequence(State.InExpression, out var closed);
        if (!closed || AtEnd)
        {
            throw Error("} expected in expression", _pos);
        }

        QueryToken[] absent = [];
        if (Current == ':')
        {
            _pos++;
            if (AtEnd || Current != '{')
            {
                throw Error("{ expected after : in expression", _pos);
            }

            _pos++;
            absent = ParseSequence(State.InExpression, out closed);
            if (!closed || AtEnd)
            {
                throw Error("} expected in expression", _pos);
            }

            if (Current != '|')
            {
                throw Error("| expected at end of expression", _pos);
            }
        }
        else if (Current != '|')
        {
            throw Error(": expected following ? subexpression", _pos);
        }

        _pos++;
        var tag = name == "*" ? TagToken.AllTags : QueryTagTable.Find(name);
        return new ConditionToken(tag, present, absent);
    }
}
