using System.Buffers;
using System.Text;

namespace Basalt.Repositories.Metadata;

/// <summary>Start tags and their attributes (XML 1.0 §3.1 [40]–[44]) and namespace prefixes (Namespaces in XML 1.0 §5).</summary>
internal sealed partial class Utf8XmlReader
{
    private Attribute[] _attributes = new Attribute[16];
    private int _attributeCount;
    private char[] _values = ArrayPool<char>.Shared.Rent(1024);
    private int _valuesLength;
    private byte[][] _prefixes = new byte[4][];
    private int[] _prefixDepths = new int[4];
    private int _prefixCount;

    /// <summary>One attribute of the current start tag: its qualified name in _buffer, its decoded value in _values.</summary>
    private readonly record struct Attribute(int NameStart, int NameLength, int LocalOffset, int ValueStart, int ValueLength);

    /// <summary>The number of attributes of the current start tag.</summary>
    public int AttributeCount => _attributeCount;

    /// <summary>The local name of attribute <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> AttributeLocalName(int index)
    {
        var a = _attributes[index];
        return _buffer.AsSpan(a.NameStart + a.LocalOffset, a.NameLength - a.LocalOffset);
    }

    /// <summary>The decoded, normalised value of attribute <paramref name="index"/> (valid until the next read).</summary>
    public ReadOnlySpan<char> AttributeValue(int index) => _values.AsSpan(_attributes[index].ValueStart, _attributes[index].ValueLength);

    /// <summary>The index of the attribute whose qualified name is <paramref name="name"/>, or -1.</summary>
    public int FindAttribute(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < _attributeCount; i++)
        {
            if (_buffer.AsSpan(_attributes[i].NameStart, _attributes[i].NameLength).SequenceEqual(name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value of attribute <paramref name="name"/> as a new string, or null when absent.</summary>
    public string? GetAttribute(ReadOnlySpan<byte> name) => FindAttribute(name) is >= 0 and int i ? AttributeValue(i).ToString() : null;

    /// <summary>"&lt;name (S attr=value)* S? /?&gt;" at _pos; pushes the element unless it is empty.</summary>
    private void ReadStartTag()
    {
        int close = FindTagEnd();
        _tagStart = _pos;
        _nameStart = _pos + 1;
        int i = ScanName(_nameStart, close);
        _nameLength = i - _nameStart;
        _localOffset = ByteScan.IndexOfAny(_buffer.AsSpan(_nameStart, _nameLength), (byte)':', (byte)':', (byte)':') + 1;
        _attributeCount = 0;
        _valuesLength = 0;
        while (true)
        {
            int spaceStart = i;
            while (IsSpace(_buffer[i]))
            {
                i++;
            }

            if (_buffer[i] == (byte)'>')
            {
                _isEmpty = false;
                break;
            }

            if (_buffer[i] == (byte)'/')
            {
                if (i + 1 != close)
                {
                    Fail("Expected '>' after '/' in a start tag.", i);
                }

                _isEmpty = true;
                break;
            }

            if (i == spaceStart)
            {
                Fail("Attributes must be separated by whitespace.", i);
            }

            i = ReadAttribute(i, close);
        }

        _pos = close + 1;
        CheckPrefixes();
        if (!_isEmpty)
        {
            PushName();
        }
    }

    /// <summary>The position of the start tag's closing '&gt;', skipping quoted values; the whole tag is then in the buffer.</summary>
    private int FindTagEnd()
    {
        int scanned = 1;
        byte quote = 0;
        while (true)
        {
            var span = _buffer.AsSpan(_pos + scanned, _end - _pos - scanned);
            int k = quote == 0 ? ByteScan.IndexOfAny(span, (byte)'>', (byte)'"', (byte)'\'') : ByteScan.IndexOfAny(span, quote, quote, quote);
            if (k < 0)
            {
                scanned = _end - _pos;
                if (_eof)
                {
                    Fail("Unexpected end of file inside a start tag.", _pos);
                }

                ReadMore();
                continue;
            }

            scanned += k;
            byte c = _buffer[_pos + scanned];
            if (quote == 0 && c == (byte)'>')
            {
                return _pos + scanned;
            }

            quote = quote == 0 ? c : (byte)0;
            scanned++;
        }
    }

    /// <summary>name S? = S? ("…" | '…') at <paramref name="i"/>; returns the position after the closing quote.</summary>
    private int ReadAttribute(int i, int close)
    {
        int nameStart = i;
        i = ScanName(i, close);
        int nameLength = i - nameStart;
        while (IsSpace(_buffer[i]))
        {
            i++;
        }

        if (_buffer[i] != (byte)'=')
        {
            Fail($"The attribute '{Encoding.UTF8.GetString(_buffer, nameStart, nameLength)}' has no '=' and value.", i);
        }

        i++;
        while (IsSpace(_buffer[i]))
        {
            i++;
        }

        byte quote = _buffer[i];
        if (quote is not ((byte)'"' or (byte)'\''))
        {
            Fail($"The value of attribute '{Encoding.UTF8.GetString(_buffer, nameStart, nameLength)}' is not quoted.", i);
        }

        int valueEnd = ByteScan.IndexOfAny(_buffer.AsSpan(i + 1, close - i - 1), quote, quote, quote) + i + 1;
        var name = _buffer.AsSpan(nameStart, nameLength);
        if (FindAttribute(name) >= 0)
        {
            Fail($"'{Encoding.UTF8.GetString(name)}' is a duplicate attribute name.", nameStart);
        }

        int valueStart = _valuesLength;
        DecodeValue(i + 1, valueEnd);
        if (_attributeCount == _attributes.Length)
        {
            Array.Resize(ref _attributes, _attributes.Length * 2);
        }

        _attributes[_attributeCount++] = new Attribute(nameStart, nameLength, ByteScan.IndexOfAny(name, (byte)':', (byte)':', (byte)':') + 1, valueStart, _valuesLength - valueStart);
        return valueEnd + 1;
    }

    /// <summary>Namespace prefixes must be declared (xmlns:p) on the element or an ancestor; "xml" is predeclared.</summary>
    private void CheckPrefixes()
    {
        for (int a = 0; a < _attributeCount; a++)
        {
            var name = _buffer.AsSpan(_attributes[a].NameStart, _attributes[a].NameLength);
            if (name.StartsWith("xmlns:"u8))
            {
                if (_prefixCount == _prefixes.Length)
                {
                    Array.Resize(ref _prefixes, _prefixCount * 2);
                    Array.Resize(ref _prefixDepths, _prefixCount * 2);
                }

                _prefixes[_prefixCount] = name[6..].ToArray();
                _prefixDepths[_prefixCount++] = _depth;
            }
        }

        if (_localOffset > 0)
        {
            CheckPrefix(_buffer.AsSpan(_nameStart, _localOffset - 1), _nameStart);
        }

        for (int a = 0; a < _attributeCount; a++)
        {
            if (_attributes[a].LocalOffset > 0 && !_buffer.AsSpan(_attributes[a].NameStart).StartsWith("xmlns:"u8))
            {
                CheckPrefix(_buffer.AsSpan(_attributes[a].NameStart, _attributes[a].LocalOffset - 1), _attributes[a].NameStart);
            }
        }

        if (_isEmpty)
        {
            PopNamespaces(_depth);
        }
    }

    private void CheckPrefix(ReadOnlySpan<byte> prefix, int at)
    {
        if (prefix.SequenceEqual("xml"u8))
        {
            return;
        }

        for (int p = _prefixCount - 1; p >= 0; p--)
        {
            if (prefix.SequenceEqual(_prefixes[p]))
            {
                return;
            }
        }

        Fail($"'{Encoding.UTF8.GetString(prefix)}' is an undeclared prefix.", at);
    }

    /// <summary>Forgets the prefixes declared at depth <paramref name="depth"/> or deeper.</summary>
    private void PopNamespaces(int depth)
    {
        while (_prefixCount > 0 && _prefixDepths[_prefixCount - 1] >= depth)
        {
            _prefixes[--_prefixCount] = [];
        }
    }
}
