using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Basalt.Repositories.Metadata;

/// <summary>The byte buffer: refilling, checking every byte once, and line numbers for messages.</summary>
internal sealed partial class Utf8XmlReader
{
    private int _checked;        // bytes of _buffer already checked for characters and UTF-8
    private long _discarded;     // bytes moved out of the buffer's front so far
    private int _lineScan;       // position up to which newlines are counted
    private int _linesBefore;    // newlines before _lineScan, since the document's start

    /// <summary>Makes at least <paramref name="count"/> bytes available from _pos; false when the input ends first.</summary>
    private bool Ensure(int count)
    {
        while (_end - _pos < count)
        {
            if (_eof)
            {
                return false;
            }

            ReadMore();
        }

        return true;
    }

    /// <summary>Reads more input, first moving the bytes from _pos on to the buffer's front or growing it. Nothing before _pos survives.</summary>
    private void ReadMore()
    {
        if (_pos > 0 && _buffer.Length - _end < _buffer.Length / 4)
        {
            Compact();
        }

        if (_end == Math.Min(_buffer.Length, MaxMarkupBytes))
        {
            if (_end >= MaxMarkupBytes)
            {
                Fail($"A tag, comment or CDATA section is longer than {MaxMarkupBytes >> 20} MiB.", _pos);
            }

            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read = _stream.Read(_buffer, _end, Math.Min(_buffer.Length, MaxMarkupBytes) - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        Check();
    }

    private void Compact()
    {
        int shift = _pos;
        if (_lineScan < shift)
        {
            _ = LineAt(shift);
        }

        _buffer.AsSpan(shift, _end - shift).CopyTo(_buffer);
        _end -= shift;
        _pos = 0;
        _checked -= shift;
        _lineScan -= shift;
        _tagStart -= shift;
        _discarded += shift;
    }

    /// <summary>Checks the newly read bytes: no forbidden control characters, and well-formed UTF-8 (XML 1.0 §2.2, §4.3.3).</summary>
    private void Check()
    {
        var fresh = _buffer.AsSpan(_checked, _end - _checked);
        int bad = ByteScan.IndexOfForbiddenControl(fresh);
        if (bad >= 0)
        {
            Fail($"'0x{fresh[bad]:X2}' is an invalid character.", _checked + bad);
        }

        // A multi-byte sequence may be cut at the buffer's end: check up to its lead byte now, the rest with the next read.
        int upTo = _end;
        if (!_eof)
        {
            int back = upTo;
            while (back > _checked && upTo - back < 4 && (_buffer[back - 1] & 0xC0) == 0x80)
            {
                back--;
            }

            if (back > _checked && _buffer[back - 1] >= 0xC0)
            {
                upTo = back - 1;
            }
        }

        var span = _buffer.AsSpan(_checked, upTo - _checked);
        if (!Utf8.IsValid(span))
        {
            int offset = 0;
            while (Rune.DecodeFromUtf8(span[offset..], out _, out int length) == OperationStatus.Done)
            {
                offset += length;
            }

            Fail("Invalid UTF-8 byte sequence.", _checked + offset);
        }

        _checked = upTo;
    }

    /// <summary>The 1-based line of buffer position <paramref name="position"/>; cheap for positions that only move forward.</summary>
    private int LineAt(int position)
    {
        if (position >= _lineScan)
        {
            _linesBefore += ByteScan.CountNewlines(_buffer.AsSpan(_lineScan, position - _lineScan));
            _lineScan = position;
            return _linesBefore + 1;
        }

        return _linesBefore - ByteScan.CountNewlines(_buffer.AsSpan(position, _lineScan - position)) + 1;
    }

    /// <summary>Throws the malformed-XML error for <paramref name="message"/> at buffer position <paramref name="at"/>.</summary>
    [DoesNotReturn]
    private void Fail(string message, int at)
    {
        at = Math.Clamp(at, 0, _end);
        int line = LineAt(at);
        int lineStart = _buffer.AsSpan(0, at).LastIndexOf((byte)'\n');
        var place = lineStart >= 0 || _discarded == 0
            ? $"Line {line.ToString(CultureInfo.InvariantCulture)}, position {(at - lineStart).ToString(CultureInfo.InvariantCulture)}."
            : $"Line {line.ToString(CultureInfo.InvariantCulture)}.";
        throw new InvalidDataException($"'{_source}': malformed XML: {message} {place}");
    }
}
