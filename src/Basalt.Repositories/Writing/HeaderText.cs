using System.Text;
using Basalt.Rpm.Format;

namespace Basalt.Repositories.Writing;

/// <summary>
/// Header strings as rpm-md writes them: UTF-8 when the bytes are valid UTF-8, otherwise read as ISO-8859-1 (old
/// packages carry Latin-1 summaries and changelogs; createrepo_c converts them the same way), and with the characters
/// XML 1.0 cannot carry (C0 controls other than tab, LF and CR) removed.
/// </summary>
internal static class HeaderText
{
    public static string Get(RpmHeader header, RpmTag tag)
    {
        var entry = header.Find(tag);
        if (entry is null || !RpmTagTypes.IsString(entry.Type) || entry.Count == 0)
        {
            return "";
        }

        return Decode(entry.GetStringBytes()[0].Span);
    }

    public static string[] GetAll(RpmHeader header, RpmTag tag)
    {
        var entry = header.Find(tag);
        if (entry is null || !RpmTagTypes.IsString(entry.Type))
        {
            return [];
        }

        return Array.ConvertAll(entry.GetStringBytes(), b => Decode(b.Span));
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Latin1(bytes);
        return Clean(text);
    }

    /// <summary>
    /// Reads non-UTF-8 text as ISO-8859-1 the way createrepo_c does: letters from 0xC0 up are converted, the C1
    /// controls and symbols 0x80-0xBF are dropped.
    /// </summary>
    private static string Latin1(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b < 0x80 || b >= 0xC0)
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    /// <summary>Removes characters that XML 1.0 (section 2.2, Char) does not allow.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAny(Invalid))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!Invalid.Contains(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Invalid = System.Buffers.SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000c\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\ufffe\uffff");
}
