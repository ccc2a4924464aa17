using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Basalt.Repositories.Metadata;

/// <summary>Character data, references and attribute values, decoded from UTF-8 (XML 1.0 §2.4, §2.11, §3.3.3, §4.1, §4.6).</summary>
internal sealed partial class Utf8XmlReader
{
    /// <summary>
    /// Consumes character data up to the next '&lt;' (or the end of input), checking references and "]]&gt;", and
    /// appending the decoded text to _text when <paramref name="collect"/>.
    /// </summary>
    private void CharData(bool collect)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_pos, _end - _pos);
            int stop = ByteScan.IndexOfTextStop(span, withCr: collect);
            int run = stop < 0 ? span.Length : stop;
            if (collect)
            {
                run = AppendUtf8(span[..run], final: stop >= 0 || _eof);
            }

            _pos += run;
            if (stop < 0)
            {
                if (_eof)
                {
                    return;
                }

                ReadMore();
                continue;
            }

            if (run < stop)
            {
                continue;
            }

            switch (_buffer[_pos])
            {
                case (byte)'<':
                    return;
                case (byte)'&':
                    Ensure(64);
                    _pos += DecodeReference(_pos, Math.Min(_end, _pos + 64), out var rune);
                    if (collect)
                    {
                        EnsureText(2);
                        _textLength += rune.EncodeToUtf16(_text.AsSpan(_textLength));
                    }

                    break;
                case (byte)']':
                    if (At("]]>"u8))
                    {
                        Fail("']]>' is not allowed in character data.", _pos);
                    }

                    Append(']', collect);
                    _pos++;
                    break;
                default:
                    // §2.11: "\r\n" and a lone "\r" both read as "\n".
                    _pos++;
                    if (Ensure(1) && _buffer[_pos] == (byte)'\n')
                    {
                        _pos++;
                    }

                    Append('\n', collect);
                    break;
            }
        }
    }

    /// <summary>Appends the CDATA content [start, end) of the buffer to _text, with line ends normalised.</summary>
    private void AppendText(int start, int end)
    {
        while (start < end)
        {
            int cr = ByteScan.IndexOfAny(_buffer.AsSpan(start, end - start), (byte)'\r', (byte)'\r', (byte)'\r');
            int run = cr < 0 ? end - start : cr;
            AppendUtf8(_buffer.AsSpan(start, run), final: true);
            start += run;
            if (cr >= 0)
            {
                start += start + 1 < end && _buffer[start + 1] == (byte)'\n' ? 2 : 1;
                Append('\n', true);
            }
        }
    }

    /// <summary>Decodes <paramref name="utf8"/> onto _text; returns the bytes consumed (a sequence cut at the end waits unless <paramref name="final"/>).</summary>
    private int AppendUtf8(ReadOnlySpan<byte> utf8, bool final)
    {
        EnsureText(utf8.Length);
        var status = Utf8.ToUtf16(utf8, _text.AsSpan(_textLength), out int read, out int written, replaceInvalidSequences: false, isFinalBlock: final);
        if (status == OperationStatus.InvalidData)
        {
            Fail("Invalid UTF-8 byte sequence.", _pos + read);
        }

        _textLength += written;
        return read;
    }

    private void Append(char c, bool collect)
    {
        if (collect)
        {
            EnsureText(2);
            _text[_textLength++] = c;
        }
    }

    private void EnsureText(int more)
    {
        if (_textLength + more <= _text.Length)
        {
            return;
        }

        if ((long)_textLength + more > MaxTextChars)
        {
            Fail($"Text content is longer than {MaxTextChars >> 20} Mi characters.", _pos);
        }

        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_text.Length * 2, _textLength + more));
        _text.AsSpan(0, _textLength).CopyTo(larger);
        ArrayPool<char>.Shared.Return(_text);
        _text = larger;
    }

    /// <summary>Decodes the attribute value in [start, end) onto _values: references resolved, literal tab/LF/CR as spaces (§3.3.3).</summary>
    private void DecodeValue(int start, int end)
    {
        if (_values.Length - _valuesLength < end - start)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_values.Length * 2, _valuesLength + end - start));
            _values.AsSpan(0, _valuesLength).CopyTo(larger);
            ArrayPool<char>.Shared.Return(_values);
            _values = larger;
        }

        while (start < end)
        {
            var span = _buffer.AsSpan(start, end - start);
            int stop = ByteScan.IndexOfValueStop(span);
            int run = stop < 0 ? span.Length : stop;
            Utf8.ToUtf16(span[..run], _values.AsSpan(_valuesLength), out _, out int written);
            _valuesLength += written;
            start += run;
            if (stop < 0)
            {
                return;
            }

            switch (_buffer[start])
            {
                case (byte)'<':
                    Fail("'<' is not allowed in an attribute value.", start);
                    break;
                case (byte)'&':
                    start += DecodeReference(start, end, out var rune);
                    // A reference never decodes to more chars than its own bytes, so _values has room.
                    _valuesLength += rune.EncodeToUtf16(_values.AsSpan(_valuesLength));
                    break;
                case (byte)'\r' when start + 1 < end && _buffer[start + 1] == (byte)'\n':
                    start += 2;
                    _values[_valuesLength++] = ' ';
                    break;
                default:
                    start++;
                    _values[_valuesLength++] = ' ';
                    break;
            }
        }
    }

    /// <summary>
    /// The reference at <paramref name="at"/> ('&amp;') that ends before <paramref name="limit"/>: one of the five
    /// predefined entities (§4.6) or a character reference (§4.1) to a legal XML character, returned in
    /// <paramref name="rune"/>; returns the reference's length in bytes.
    /// </summary>
    private int DecodeReference(int at, int limit, out Rune rune)
    {
        var span = _buffer.AsSpan(at + 1, limit - at - 1);
        int semicolon = ByteScan.IndexOfAny(span, (byte)';', (byte)';', (byte)';');
        if (semicolon <= 0)
        {
            Fail("'&' starts no reference (write '&amp;' for a literal ampersand).", at);
        }

        var name = span[..semicolon];
        int value = name switch
        {
            _ when name.SequenceEqual("amp"u8) => '&',
            _ when name.SequenceEqual("lt"u8) => '<',
            _ when name.SequenceEqual("gt"u8) => '>',
            _ when name.SequenceEqual("quot"u8) => '"',
            _ when name.SequenceEqual("apos"u8) => '\'',
            [(byte)'#', (byte)'x', .. var hex] => ParseCodePoint(hex, 16),
            [(byte)'#', .. var digits] => ParseCodePoint(digits, 10),
            _ => -2,
        };
        if (value == -2)
        {
            Fail($"Reference to undeclared entity '{Encoding.UTF8.GetString(name)}'.", at);
        }

        if (!IsXmlChar(value))
        {
            Fail($"'&{Encoding.UTF8.GetString(name)};' is not a legal XML character.", at);
        }

        rune = new Rune(value);
        return semicolon + 2;
    }

    /// <summary>The code point of a character reference's digits, or -1 when they are not digits of <paramref name="radix"/> or too large.</summary>
    private static int ParseCodePoint(ReadOnlySpan<byte> digits, int radix)
    {
        if (digits.IsEmpty || digits.Length > 8)
        {
            return -1;
        }

        int value = 0;
        foreach (byte b in digits)
        {
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' when radix == 16 => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' when radix == 16 => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0 || value > 0x10FFFF)
            {
                return -1;
            }

            value = (value * radix) + digit;
        }

        return value;
    }

    /// <summary>XML 1.0 §2.2 production [2]: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].</summary>
    private static bool IsXmlChar(int c) => c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
}
