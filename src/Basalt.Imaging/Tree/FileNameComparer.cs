using System.Text;

namespace Basalt.Imaging.Tree;

/// <summary>
/// Orders file names by their UTF-8 bytes, as <c>strcmp</c> does on Linux. Directory formats such as
/// EROFS binary-search their entries in this order, so every writer sorts with this comparer and output
/// never depends on insertion order. (Plain UTF-16 ordinal order differs for characters above U+FFFF.)
/// </summary>
public sealed class FileNameComparer : IComparer<string>
{
    private FileNameComparer()
    {
    }

    /// <summary>The single instance.</summary>
    public static FileNameComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a == b)
            {
                continue;
            }

            // Below the surrogate range UTF-16 order equals code point order equals UTF-8 byte order.
            if (a < 0xD800 && b < 0xD800)
            {
                return a - b;
            }

            return CompareCodePoints(x.AsSpan(i), y.AsSpan(i));
        }

        return x.Length - y.Length;
    }

    private static int CompareCodePoints(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft ? 1 : hasRight ? -1 : 0;
            }

            var difference = left.Current.Value - right.Current.Value;
            if (difference != 0)
            {
                return difference;
            }
        }
    }

    /// <summary>The UTF-8 length of a name, the unit in which Linux limits names to 255.</summary>
    public static int ByteLength(string name) => Encoding.UTF8.GetByteCount(name);
}
