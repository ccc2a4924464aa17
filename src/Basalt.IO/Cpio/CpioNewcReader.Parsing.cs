using System.Text;

namespace Basalt.IO.Cpio;

public sealed partial class CpioNewcReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses exactly eight hexadecimal digits (either case; cpio writers differ) into a 32-bit value.</summary>
    internal static uint ParseHex(ReadOnlySpan<byte> field, string fieldName, long headerOffset)
    {
        uint value = 0;
        foreach (var c in field)
        {
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                throw new InvalidDataException(
                    $"cpio header at offset {headerOffset}: field '{fieldName}' is not hexadecimal: '{Printable(field)}'.");
            }

            value = (value << 4) | (uint)digit;
        }

        return value;
    }

    internal static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : $"\\x{b:x2}");
        }

        return text.ToString();
    }

    /// <summary>The name must be one non-empty, NUL-terminated, valid UTF-8 string filling c_namesize exactly.</summary>
    private static string DecodeName(byte[] buffer, long headerOffset)
    {
        var text = buffer.AsSpan(0, buffer.Length - 1);
        if (buffer[^1] != 0 || text.Contains((byte)0))
        {
            throw new InvalidDataException(
                $"cpio entry '{Printable(text)}' at offset {headerOffset}: the name is not a single NUL-terminated string of c_namesize {buffer.Length} bytes.");
        }

        if (text.IsEmpty)
        {
            throw new InvalidDataException($"cpio entry at offset {headerOffset} has an empty name.");
        }

        try
        {
            return StrictUtf8.GetString(text);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"cpio entry '{Printable(text)}' at offset {headerOffset}: the name is not valid UTF-8.", ex);
        }
    }

    private void ReadExact(Span<byte> buffer, long headerOffset, string what)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = _archive.Read(buffer[total..]);
            if (read == 0)
            {
                throw Truncated(what, total, buffer.Length, headerOffset);
            }

            total += read;
        }

        _position += total;
    }

    /// <summary>Consumes the NUL padding to the next 4-byte boundary; rpm and GNU cpio both write zeros.</summary>
    private void ReadPadding(string entry, long headerOffset, string after)
    {
        var count = CpioLayout.Padding(_position);
        if (count > 0)
        {
            var padOffset = _position;
            var pad = _header.AsSpan(0, count);
            ReadExact(pad, headerOffset, $"padding after the {after} of cpio entry '{entry}'");
            CheckPadding(pad, entry, headerOffset, after, padOffset);
        }
    }

    private static void CheckPadding(ReadOnlySpan<byte> pad, string entry, long headerOffset, string after, long padOffset)
    {
        if (pad.ContainsAnyExcept((byte)0))
        {
            throw new InvalidDataException(
                $"cpio entry '{entry}' at offset {headerOffset}: padding after the {after} at offset {padOffset} is not zero.");
        }
    }

    private InvalidDataException Truncated(string what, int got, int wanted, long headerOffset) => new(
        $"Truncated {what} at offset {_position + got} (header at offset {headerOffset}): {wanted - got} more bytes expected.");
}
