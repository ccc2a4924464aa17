using System.Globalization;
using System.Text;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Query;

/// <summary>
/// The value formatters of rpm 4.18 (lib/formats.c), each producing exactly rpm's bytes, including its
/// "(not a number)"-style answers for a value of the wrong type. Behaviour was read off rpm 4.18 itself.
/// </summary>
internal static partial class QueryFormatters
{
    private static readonly byte[] NotANumber = "(not a number)"u8.ToArray();

    public static byte[] Format(QueryValue value, int element, QueryFormatterKind kind) => kind switch
    {
        QueryFormatterKind.String => StringBytes(value, element),
        QueryFormatterKind.Octal => Number(value, element, n => Convert.ToString((uint)n, 8)),
        QueryFormatterKind.Hex => Number(value, element, n => ((uint)n).ToString("x", CultureInfo.InvariantCulture)),
        QueryFormatterKind.Date => Number(value, element, n => QueryDates.Format((long)n, withTime: true)),
        QueryFormatterKind.Day => Number(value, element, n => QueryDates.Format((long)n, withTime: false)),
        QueryFormatterKind.ShEscape => ShellEscape(value, element),
        QueryFormatterKind.ArraySize => Ascii(value.ArrayCount.ToString(CultureInfo.InvariantCulture)),
        QueryFormatterKind.Perms => Number(value, element, n => Permissions((uint)n)),
        QueryFormatterKind.FFlags => Number(value, element, FileFlags),
        QueryFormatterKind.DepFlags => Number(value, element, DepFlags),
        QueryFormatterKind.DepType => Number(value, element, DepType),
        QueryFormatterKind.TriggerType => Number(value, element, TriggerType),
        QueryFormatterKind.VFlags => Number(value, element, n => VerifyFlags(n, dots: false)),
        QueryFormatterKind.FStatus => Number(value, element, n => VerifyFlags(n, dots: true)),
        QueryFormatterKind.FState => Number(value, element, FileState),
        QueryFormatterKind.HumanSi => Number(value, element, n => Human(n, 1000)),
        QueryFormatterKind.HumanIec => Number(value, element, n => Human(n, 1024)),
        QueryFormatterKind.Xml => Xml(value, element),
        QueryFormatterKind.Base64 => value.Binary is { } b ? Ascii(Base64Lines(b)) : "(not a blob)"u8.ToArray(),
        QueryFormatterKind.Armor => Armor(value, element),
        QueryFormatterKind.PgpSig => value.Binary is { } sig ? Ascii(QueryPgpSignature.Describe(sig)) : "(not a blob)"u8.ToArray(),
        // %{TAG:expand} runs rpm's macro expander; Basalt has none, so text without macros passes through unchanged.
        QueryFormatterKind.Expand => value.Strings is { } s ? s[element] : "(not a string)"u8.ToArray(),
        QueryFormatterKind.TagName => Ascii(QueryTagTable.DisplayNameOf(value.Tag) ?? "(unknown)"),
        QueryFormatterKind.TagNum => Ascii(value.Tag.ToString(CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"Formatter {kind} is not handled."),
    };

    /// <summary>The default formatter: numbers in decimal, strings as stored, BIN as lowercase hex.</summary>
    public static byte[] StringBytes(QueryValue value, int element)
    {
        if (value.Numbers is { } numbers)
        {
            return Ascii(numbers[element].ToString(CultureInfo.InvariantCulture));
        }

        if (value.Strings is { } strings)
        {
            return strings[element];
        }

        return value.Binary is { } binary ? Ascii(Convert.ToHexStringLower(binary)) : "(unknown type)"u8.ToArray();
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Number(QueryValue value, int element, Func<ulong, string> format) =>
        value.Numbers is { } numbers ? Encoding.UTF8.GetBytes(format(numbers[element])) : NotANumber;

    private static byte[] ShellEscape(QueryValue value, int element)
    {
        if (value.Numbers is { } numbers)
        {
            return Ascii(numbers[element].ToString(CultureInfo.InvariantCulture));
        }

        if (value.Strings is not { } strings)
        {
            return "(invalid type)"u8.ToArray();
        }

        // Single quotes, with each embedded quote closed, escaped and reopened: ' → '\''.
        var result = new List<byte> { (byte)'\'' };
        foreach (var b in strings[element])
        {
            if (b == '\'')
            {
                result.AddRange("'\\''"u8);
            }
            else
            {
                result.Add(b);
            }
        }

        result.Add((byte)'\'');
        return [.. result];
    }

    private static byte[] Xml(QueryValue value, int element)
    {
        if (value.Numbers is { } numbers)
        {
            return Ascii($"\t<integer>{numbers[element].ToString(CultureInfo.InvariantCulture)}</integer>");
        }

        if (value.Binary is { } binary)
        {
            return Ascii($"\t<base64>{Base64Lines(binary)}</base64>");
        }

        if (value.Strings is not { } strings)
        {
            return "(invalid xml type)"u8.ToArray();
        }

        var text = strings[element];
        if (text.Length == 0)
        {
            return "\t<string/>"u8.ToArray();
        }

        var result = new List<byte>("\t<string>"u8.ToArray());
        foreach (var b in text)
        {
            switch (b)
            {
                case (byte)'&': result.AddRange("&amp;"u8); break;
                case (byte)'<': result.AddRange("&lt;"u8); break;
                case (byte)'>': result.AddRange("&gt;"u8); break;
                default: result.Add(b); break;
            }
        }

        result.AddRange("</string>"u8);
        return [.. result];
    }

    /// <summary>Base64 in lines of 64 characters, each ended by a newline (rpm's rpmBase64Encode defaults).</summary>
    internal static string Base64Lines(ReadOnlySpan<byte> data)
    {
        var encoded = Convert.ToBase64String(data);
        var builder = new StringBuilder(encoded.Length + (encoded.Length / 64) + 1);
        for (var i = 0; i < encoded.Length; i += 64)
        {
            builder.Append(encoded, i, Math.Min(64, encoded.Length - i)).Append('\n');
        }

        return builder.ToString();
    }

    private static byte[] Armor(QueryValue value, int element)
    {
        byte[] data;
        string kind;
        if (value.Binary is { } binary)
        {
            data = binary;
            kind = "SIGNATURE";
        }
        else if (value.Strings is { } strings)
        {
            // A string is taken to be base64 (PUBKEYS holds keys that way) and re-armored as a public key block.
            var text = Encoding.ASCII.GetString(strings[element]).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
            var buffer = new byte[(text.Length * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(text, buffer, out var written))
            {
                return "(not base64)"u8.ToArray();
            }

            data = buffer[..written];
            kind = "PUBLIC KEY BLOCK";
        }
        else
        {
            return "(invalid type)"u8.ToArray();
        }

        var crc = Crc24(data);
        var crcText = Convert.ToBase64String([(byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
        return Ascii($"-----BEGIN PGP {kind}-----\nVersion: rpm-4.18.0\n\n{Base64Lines(data)}={crcText}\n-----END PGP {kind}-----\n");
    }

    /// <summary>The OpenPGP armor checksum (RFC 4880 §6.1).</summary>
    private static uint Crc24(ReadOnlySpan<byte> data)
    {
        uint crc = 0xB704CE;
        foreach (var b in data)
        {
            crc ^= (uint)b << 16;
            for (var i = 0; i < 8; i++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0)
                {
                    crc ^= 0x1864CFB;
                }
            }
        }

        return crc & 0xFFFFFF;
    }
}
