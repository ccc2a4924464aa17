using System.Numerics;
using System.Runtime.Intrinsics;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// The byte searches of <see cref="Utf8XmlReader"/>'s hot loops, written with Vector128 in this assembly on purpose:
/// ReadyToRun precompiles them, whereas SearchValues and the generic span helpers are instantiated and jitted at
/// Tier 0 on first use in a cold process, which is most of what a one-shot <c>basalt resolve</c> runs.
/// </summary>
internal static class ByteScan
{
    /// <summary>The index of the first '&lt;', '&amp;' or ']' (and '\r' when <paramref name="withCr"/>), or -1.</summary>
    public static int IndexOfTextStop(ReadOnlySpan<byte> span, bool withCr)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated && span.Length >= Vector128<byte>.Count)
        {
            var lt = Vector128.Create((byte)'<');
            var amp = Vector128.Create((byte)'&');
            var bracket = Vector128.Create((byte)']');
            var cr = Vector128.Create(withCr ? (byte)'\r' : (byte)'<');
            for (; i <= span.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var v = Vector128.Create(span.Slice(i, Vector128<byte>.Count));
                var hits = Vector128.Equals(v, lt) | Vector128.Equals(v, amp) | Vector128.Equals(v, bracket) | Vector128.Equals(v, cr);
                uint mask = hits.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
            }
        }

        for (; i < span.Length; i++)
        {
            byte b = span[i];
            if (b is (byte)'<' or (byte)'&' or (byte)']' || (withCr && b == (byte)'\r'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the first C0 control other than tab, LF and CR (not an XML character, §2.2), or -1.</summary>
    public static int IndexOfForbiddenControl(ReadOnlySpan<byte> span)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated && span.Length >= Vector128<byte>.Count)
        {
            var space = Vector128.Create((byte)0x20);
            var tab = Vector128.Create((byte)'\t');
            var lf = Vector128.Create((byte)'\n');
            var cr = Vector128.Create((byte)'\r');
            for (; i <= span.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var v = Vector128.Create(span.Slice(i, Vector128<byte>.Count));
                var control = Vector128.LessThan(v, space) & ~(Vector128.Equals(v, tab) | Vector128.Equals(v, lf) | Vector128.Equals(v, cr));
                uint mask = control.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
            }
        }

        for (; i < span.Length; i++)
        {
            if (span[i] < 0x20 && span[i] is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How many '\n' bytes <paramref name="span"/> holds.</summary>
    public static int CountNewlines(ReadOnlySpan<byte> span)
    {
        int count = 0;
        int i = 0;
        if (Vector128.IsHardwareAccelerated && span.Length >= Vector128<byte>.Count)
        {
            var lf = Vector128.Create((byte)'\n');
            for (; i <= span.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                count += BitOperations.PopCount(Vector128.Equals(Vector128.Create(span.Slice(i, Vector128<byte>.Count)), lf).ExtractMostSignificantBits());
            }
        }

        for (; i < span.Length; i++)
        {
            if (span[i] == (byte)'\n')
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The index of the first byte that is not an XML name byte (§2.3 [4a]; every non-ASCII byte counts as one), or the length.</summary>
    public static int NameLength(ReadOnlySpan<byte> span)
    {
        int i = 0;
        while (i < span.Length && IsNameByte(span[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsNameByte(byte b)
        => b >= 0x80 || (uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b is (byte)'_' or (byte)':' or (byte)'.' or (byte)'-';

    /// <summary>The index of the first byte of an attribute value that needs more than UTF-8 decoding ('&lt;', '&amp;', tab, LF, CR), or -1.</summary>
    public static int IndexOfValueStop(ReadOnlySpan<byte> span)
    {
        for (int i = 0; i < span.Length; i++)
        {
            byte b = span[i];
            if (b < (byte)'=' && (b is (byte)'<' or (byte)'&' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the first <paramref name="a"/> or <paramref name="b"/> or <paramref name="c"/> in a short span (a tag), or -1.</summary>
    public static int IndexOfAny(ReadOnlySpan<byte> span, byte a, byte b, byte c)
    {
        for (int i = 0; i < span.Length; i++)
        {
            byte x = span[i];
            if (x == a || x == b || x == c)
            {
                return i;
            }
        }

        return -1;
    }
}
