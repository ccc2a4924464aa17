namespace Basalt.Compose.Libraries;

/// <summary>
/// The order glibc uses for library names (_dl_cache_libcmp): runs of digits compare as numbers, a digit sorts
/// after a non-digit, other characters compare as bytes. "libz.so.1.2.13" &gt; "libz.so.1" &gt; "libz.so".
/// </summary>
internal sealed class LibraryNameComparer : IComparer<string>
{
    public static LibraryNameComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var a = System.Text.Encoding.UTF8.GetBytes(x ?? "");
        var b = System.Text.Encoding.UTF8.GetBytes(y ?? "");
        int i = 0, j = 0;
        while (i < a.Length)
        {
            if (IsDigit(a[i]))
            {
                if (j >= b.Length || !IsDigit(b[j]))
                {
                    return 1;
                }

                long va = 0, vb = 0;
                while (i < a.Length && IsDigit(a[i]))
                {
                    va = Math.Min((va * 10) + a[i++] - '0', int.MaxValue);
                }

                while (j < b.Length && IsDigit(b[j]))
                {
                    vb = Math.Min((vb * 10) + b[j++] - '0', int.MaxValue);
                }

                if (va != vb)
                {
                    return va.CompareTo(vb);
                }
            }
            else if (j < b.Length && IsDigit(b[j]))
            {
                return -1;
            }
            else if (j >= b.Length || a[i] != b[j])
            {
                return a[i] - (j < b.Length ? b[j] : 0);
            }
            else
            {
                i++;
                j++;
            }
        }

        return j < b.Length ? -b[j] : 0;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';
}
