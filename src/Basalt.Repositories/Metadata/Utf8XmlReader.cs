using System.Buffers;
using System.Text;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// A forward-only XML 1.0 reader over UTF-8 bytes, made for rpm-md's primary.xml: it decodes straight from a pooled
/// byte buffer into reusable char buffers, so reading an element, attribute or text allocates nothing; callers intern
/// or copy what they keep. It checks what a conforming non-validating parser must (XML 1.0 §2–§4): well-formed tags,
/// matching end tags, unique attributes, quoted values without '&lt;', the five predefined entities and character
/// references (§4.1, §4.6), CDATA sections, comments and processing instructions, line-end and attribute-value
/// normalisation (§2.11, §3.3.3), legal characters (§2.2), valid UTF-8 and declared namespace prefixes. A DTD is
/// refused outright (metadata is untrusted and rpm-md never uses one), and so is an encoding other than UTF-8.
/// Namespaces are not resolved: elements are matched by local name, as the rpm-md readers always have.
/// Syntax errors are <see cref="InvalidDataException"/>s "'source': malformed XML: … Line N, position M.".
/// </summary>
internal sealed partial class Utf8XmlReader : IDisposable
{
    /// <summary>The longest tag, comment, CDATA section or processing instruction accepted (the buffer never grows past it).</summary>
    public const int MaxMarkupBytes = 16 << 20;

    /// <summary>The longest text content accepted, in chars.</summary>
    public const int MaxTextChars = 16 << 20;

    /// <summary>rpm-md nests four deep; anything much deeper is hostile.</summary>
    public const int MaxDepth = 256;

    private const int InitialBufferBytes = 1 << 18;

    private readonly Stream _stream;
    private readonly string _source;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _pos;
    private int _end;
    private bool _eof;
    private char[] _text = ArrayPool<char>.Shared.Rent(4096);
    private int _textLength;

    // The current start tag: its qualified name in _buffer (valid until the next read), and whether it was "<x/>".
    private int _tagStart;
    private int _nameStart;
    private int _nameLength;
    private int _localOffset;
    private bool _isEmpty;

    // Open elements: their qualified names, back to back, for matching end tags (XML 1.0 §3, WFC: Element Type Match).
    private byte[] _names = new byte[256];
    private readonly int[] _nameEnds = new int[MaxDepth + 1];
    private int _depth;

    public Utf8XmlReader(Stream stream, string source)
    {
        _stream = stream;
        _source = source;
    }

    /// <summary>The local name (after any prefix) of the current start tag.</summary>
    public ReadOnlySpan<byte> LocalName => _buffer.AsSpan(_nameStart + _localOffset, _nameLength - _localOffset);

    /// <summary>The current start tag's local name as a string, for messages.</summary>
    public string LocalNameText => Encoding.UTF8.GetString(LocalName);

    /// <summary>True when the current start tag was an empty-element tag (it has no content and no end tag).</summary>
    public bool IsEmptyElement => _isEmpty;

    /// <summary>The line (1-based) of the current start tag.</summary>
    public int Line => LineAt(Math.Max(_tagStart, 0));

    /// <summary>"'source' line N" of the current start tag, for messages.</summary>
    public string Where => $"'{_source}' line {Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Reads the prolog and the root's start tag; throws unless its local name is <paramref name="expected"/>.</summary>
    public void ReadRoot(string expected)
    {
        ReadProlog();
        if (!LocalName.SequenceEqual(Encoding.UTF8.GetBytes(expected)))
        {
            throw new InvalidDataException($"{Where}: expected the root element <{expected}>, found <{LocalNameText}>.");
        }
    }

    /// <summary>
    /// Moves to the next child start tag of the innermost open element and returns true; the caller must consume it
    /// (<see cref="Skip"/>, <see cref="ReadText"/> or a nested loop). Returns false once that element's end tag is read.
    /// Text, comments and processing instructions between children are checked and skipped.
    /// </summary>
    public bool NextChild()
    {
        while (true)
        {
            CharData(collect: false);
            if (_pos == _end && !Ensure(1))
            {
                Fail($"Unexpected end of file: <{OpenName()}> is not closed.", _pos);
            }

            switch (Markup(inText: false))
            {
                case MarkupKind.StartTag: return true;
                case MarkupKind.EndTag: return false;
                default: break;
            }
        }
    }

    /// <summary>Skips the current element with everything in it.</summary>
    public void Skip()
    {
        if (_isEmpty)
        {
            return;
        }

        int outer = _depth - 1;
        while (_depth > outer)
        {
            NextChild();
        }
    }

    /// <summary>
    /// Reads the current element's text (character data, references and CDATA sections; comments and processing
    /// instructions dropped) and its end tag. The span is valid until the next call. A child element is an error.
    /// </summary>
    public ReadOnlySpan<char> ReadText()
    {
        _textLength = 0;
        if (_isEmpty)
        {
            return [];
        }

        while (true)
        {
            int run = _textLength;
            CharData(collect: true);
            DropWhitespaceRun(run);
            if (_pos == _end && !Ensure(1))
            {
                Fail($"Unexpected end of file: <{OpenName()}> is not closed.", _pos);
            }

            switch (Markup(inText: true))
            {
                case MarkupKind.EndTag: return _text.AsSpan(0, _textLength);
                case MarkupKind.StartTag: Fail($"<{LocalNameText}> is an element inside <{OpenName(1)}>, which may hold only text.", _tagStart); break;
                default: break;
            }
        }
    }

    /// <summary>
    /// Drops the character data appended since <paramref name="start"/> when it is only XML whitespace: XmlReader with
    /// IgnoreWhitespace, which the rpm-md readers used, drops such runs between markup (CDATA content is kept).
    /// </summary>
    private void DropWhitespaceRun(int start)
    {
        foreach (char c in _text.AsSpan(start, _textLength - start))
        {
            if (c is not (' ' or '\t' or '\n' or '\r'))
            {
                return;
            }
        }

        _textLength = start;
    }

    public void Dispose()
    {
        if (_buffer.Length == 0)
        {
            return;
        }

        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<char>.Shared.Return(_text);
        ArrayPool<char>.Shared.Return(_values);
        _buffer = [];
        _text = [];
        _values = [];
    }

    /// <summary>The qualified name of the open element <paramref name="fromTop"/> levels below the innermost.</summary>
    private string OpenName(int fromTop = 0)
    {
        int index = _depth - 1 - fromTop;
        if (index < 0)
        {
            return "";
        }

        int start = index == 0 ? 0 : _nameEnds[index - 1];
        return Encoding.UTF8.GetString(_names, start, _nameEnds[index] - start);
    }

    private void PushName()
    {
        if (_depth == MaxDepth)
        {
            Fail($"Elements are nested more than {MaxDepth} deep.", _tagStart);
        }

        int start = _depth == 0 ? 0 : _nameEnds[_depth - 1];
        if (start + _nameLength > _names.Length)
        {
            Array.Resize(ref _names, Math.Max(_names.Length * 2, start + _nameLength));
        }

        _buffer.AsSpan(_nameStart, _nameLength).CopyTo(_names.AsSpan(start));
        _nameEnds[_depth++] = start + _nameLength;
    }

    /// <summary>Pops the innermost open element, checking that <paramref name="name"/> closes it.</summary>
    private void PopName(ReadOnlySpan<byte> name, int at)
    {
        if (_depth == 0)
        {
            Fail($"Unexpected end tag </{Encoding.UTF8.GetString(name)}>.", at);
        }

        int start = _depth == 1 ? 0 : _nameEnds[_depth - 2];
        if (!name.SequenceEqual(_names.AsSpan(start, _nameEnds[_depth - 1] - start)))
        {
            Fail($"The <{OpenName()}> start tag does not match the end tag </{Encoding.UTF8.GetString(name)}>.", at);
        }

        _depth--;
        PopNamespaces(_depth);
    }
}
