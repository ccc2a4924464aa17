using System.Text;

namespace Basalt.Repositories.Metadata;

/// <summary>Markup: the prolog, end tags, comments, processing instructions and CDATA sections (XML 1.0 §2.5–§2.8, §3.1).</summary>
internal sealed partial class Utf8XmlReader
{
    private enum MarkupKind
    {
        StartTag,
        EndTag,
        Other,
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private bool At(ReadOnlySpan<byte> text) => Ensure(text.Length) && _buffer.AsSpan(_pos, text.Length).SequenceEqual(text);

    /// <summary>Reads the markup at _pos ('&lt;'): a start or end tag, or a comment, PI or CDATA section (appended to the text when <paramref name="inText"/>).</summary>
    private MarkupKind Markup(bool inText)
    {
        // End tags are the commonest markup after start tags: a short scalar scan for '>' beats the general Find.
        if (_pos + 1 < _end && _buffer[_pos + 1] == (byte)'/')
        {
            ReadEndTag();
            return MarkupKind.EndTag;
        }

        if (!Ensure(2))
        {
            Fail("Unexpected end of file after '<'.", _pos);
        }

        switch (_buffer[_pos + 1])
        {
            case (byte)'/':
                ReadEndTag();
                return MarkupKind.EndTag;
            case (byte)'?':
                SkipProcessingInstruction();
                return MarkupKind.Other;
            case (byte)'!' when At("<!--"u8):
                SkipComment();
                return MarkupKind.Other;
            case (byte)'!' when At("<![CDATA["u8):
                int close = Find("]]>"u8, 9, "a CDATA section");
                if (inText)
                {
                    AppendText(_pos + 9, close);
                }

                _pos = close + 3;
                return MarkupKind.Other;
            case (byte)'!' when At("<!DOCTYPE"u8):
                Fail("A DTD (<!DOCTYPE>) is prohibited in repository metadata.", _pos);
                break;
            case (byte)'!':
                Fail("Unexpected '<!' markup.", _pos);
                break;
            default:
                ReadStartTag();
                return MarkupKind.StartTag;
        }

        return MarkupKind.Other;
    }

    /// <summary>The prolog (XML 1.0 §2.8): BOM, XML declaration, comments, PIs; then the root's start tag.</summary>
    private void ReadProlog()
    {
        if (At([0xEF, 0xBB, 0xBF]))
        {
            _pos += 3;
        }

        if (At("<?xml"u8) && Ensure(6) && IsSpace(_buffer[_pos + 5]))
        {
            ReadXmlDeclaration();
        }

        while (true)
        {
            while (Ensure(1) && IsSpace(_buffer[_pos]))
            {
                _pos++;
            }

            if (!Ensure(1))
            {
                Fail("Root element is missing.", _pos);
            }

            if (_buffer[_pos] != (byte)'<' || At("<![CDATA["u8) || At("</"u8))
            {
                Fail("Data at the root level is invalid.", _pos);
            }

            if (Markup(inText: false) == MarkupKind.StartTag)
            {
                return;
            }
        }
    }

    /// <summary>The XML declaration (§2.8 [23], §4.3.3): only version 1.x and the UTF-8 encoding are accepted.</summary>
    private void ReadXmlDeclaration()
    {
        int close = Find("?>"u8, 5, "the XML declaration");
        var declaration = Encoding.ASCII.GetString(_buffer, _pos, close - _pos);
        var encoding = PseudoAttribute(declaration, "encoding");
        if (encoding is not null && !encoding.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("UTF8", StringComparison.OrdinalIgnoreCase))
        {
            Fail($"The encoding '{encoding}' is not supported: rpm-md metadata is UTF-8.", _pos);
        }

        if (PseudoAttribute(declaration, "version") is not { } version || !version.StartsWith("1.", StringComparison.Ordinal))
        {
            Fail("The XML declaration has no version 1.x.", _pos);
        }

        _pos = close + 2;
    }

    private static string? PseudoAttribute(string declaration, string name)
    {
        int at = declaration.IndexOf(name, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        int quote = declaration.IndexOfAny(['"', '\''], at + name.Length);
        int end = quote < 0 ? -1 : declaration.IndexOf(declaration[quote], quote + 1);
        return end < 0 ? null : declaration[(quote + 1)..end];
    }

    /// <summary>"&lt;/name S? &gt;" (§3.1 [42]), matched against the innermost open element.</summary>
    private void ReadEndTag()
    {
        int found = ByteScan.IndexOfAny(_buffer.AsSpan(_pos, _end - _pos), (byte)'>', (byte)'>', (byte)'>');
        int close = found >= 0 ? _pos + found : Find(">"u8, 2, "an end tag");
        int nameEnd = ScanName(_pos + 2, close);
        int i = nameEnd;
        while (i < close && IsSpace(_buffer[i]))
        {
            i++;
        }

        if (i != close)
        {
            Fail("Unexpected character in an end tag.", i);
        }

        PopName(_buffer.AsSpan(_pos + 2, nameEnd - _pos - 2), _pos);
        _pos = close + 1;
    }

    /// <summary>"&lt;!-- … --&gt;" (§2.5 [15]): "--" may not occur inside.</summary>
    private void SkipComment()
    {
        int close = Find("-->"u8, 4, "a comment");
        var body = _buffer.AsSpan(_pos + 4, close - _pos - 4);
        if (body.IndexOf("--"u8) >= 0 || (body.Length > 0 && body[^1] == (byte)'-'))
        {
            Fail("A comment cannot contain '--', and '-' cannot be its last character.", _pos);
        }

        _pos = close + 3;
    }

    /// <summary>"&lt;?target … ?&gt;" (§2.6 [16]); a second XML declaration is an error.</summary>
    private void SkipProcessingInstruction()
    {
        int close = Find("?>"u8, 2, "a processing instruction");
        int nameEnd = ScanName(_pos + 2, close);
        if (nameEnd - _pos - 2 == 3 && Encoding.ASCII.GetString(_buffer, _pos + 2, 3).Equals("xml", StringComparison.OrdinalIgnoreCase))
        {
            Fail("Unexpected XML declaration: it must be the first thing in the document.", _pos);
        }

        if (nameEnd != close && !IsSpace(_buffer[nameEnd]))
        {
            Fail("Unexpected character in a processing instruction's target.", nameEnd);
        }

        _pos = close + 2;
    }

    /// <summary>The end of a name starting at <paramref name="start"/> (§2.3 [5]); an empty name or one starting with a digit, '-' or '.' is an error.</summary>
    private int ScanName(int start, int limit)
    {
        int end = start + ByteScan.NameLength(_buffer.AsSpan(start, limit - start));
        if (end == start || _buffer[start] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.')
        {
            Fail(start < _end ? $"A name cannot begin with '{(char)_buffer[start]}'." : "A name is missing.", start);
        }

        return end;
    }

    /// <summary>
    /// The buffer position of <paramref name="terminator"/> at or after _pos + <paramref name="from"/>, reading more as
    /// needed (the markup from _pos on stays in the buffer); end of input is an error naming <paramref name="what"/>.
    /// </summary>
    private int Find(ReadOnlySpan<byte> terminator, int from, string what)
    {
        int scanned = from;
        while (true)
        {
            int start = _pos + Math.Min(scanned, _end - _pos);
            int found = _buffer.AsSpan(start, _end - start).IndexOf(terminator);
            if (found >= 0)
            {
                return start + found;
            }

            scanned = Math.Max(from, _end - _pos - terminator.Length + 1);
            if (_eof)
            {
                Fail($"Unexpected end of file inside {what}.", _pos);
            }

            ReadMore();
        }
    }
}
