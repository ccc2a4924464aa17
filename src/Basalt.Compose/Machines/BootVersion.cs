namespace Basalt.Compose.Machines;

/// <summary>
/// Compares version strings as systemd-boot orders entries, by the rules of the UAPI Version Format Specification
/// (UAPI.10): only letters, digits and <c>~-^.</c> count; <c>~</c> sorts before everything, even the end; a string
/// that ends first is older; then <c>-</c>, <c>^</c> and <c>.</c> each sort before other characters in that order of
/// checks; digit runs compare as numbers (leading zeros ignored) and beat letter runs; letter runs compare bytewise.
/// </summary>
internal static class BootVersion
{
    public static int Compare(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && !IsVersionChar(a[i]))
            {
                i++;
            }

            while (j < b.Length && !IsVersionChar(b[j]))
            {
                j++;
            }

            var at = i < a.Length ? a[i] : '\0';
            var bt = j < b.Length ? b[j] : '\0';
            if (at == '~' || bt == '~')
            {
                if (at != bt)
                {
                    return at == '~' ? -1 : 1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                return i >= a.Length && j >= b.Length ? 0 : i >= a.Length ? -1 : 1; // the longer string is newer
            }

            foreach (var separator in "-^.")
            {
                if (a[i] == separator || b[j] == separator)
                {
                    if (a[i] != b[j])
                    {
                        return a[i] == separator ? -1 : 1;
                    }

                    i++;
                    j++;
                    if (i >= a.Length || j >= b.Length)
                    {
                        break;
                    }
                }
            }

            if (i >= a.Length || j >= b.Length)
            {
                continue;
            }

            int result;
            if (char.IsAsciiDigit(a[i]) || char.IsAsciiDigit(b[j]))
            {
                result = CompareNumbers(a, ref i, b, ref j);
            }
            else
            {
                result = CompareLetters(a, ref i, b, ref j);
            }

            if (result != 0)
            {
                return result;
            }
        }
    }

    private static int CompareNumbers(string a, ref int i, string b, ref int j)
    {
        var aEnd = RunEnd(a, i, char.IsAsciiDigit);
        var bEnd = RunEnd(b, j, char.IsAsciiDigit);
        if ((aEnd == i) != (bEnd == j))
        {
            return aEnd == i ? -1 : 1; // a number is newer than letters
        }

        while (i < aEnd && a[i] == '0')
        {
            i++;
        }

        while (j < bEnd && b[j] == '0')
        {
            j++;
        }

        var result = (aEnd - i).CompareTo(bEnd - j);
        if (result == 0)
        {
            result = string.CompareOrdinal(a, i, b, j, aEnd - i);
        }

        i = aEnd;
        j = bEnd;
        return Math.Sign(result);
    }

    private static int CompareLetters(string a, ref int i, string b, ref int j)
    {
        var aEnd = RunEnd(a, i, char.IsAsciiLetter);
        var bEnd = RunEnd(b, j, char.IsAsciiLetter);
        var result = string.CompareOrdinal(a, i, b, j, Math.Min(aEnd - i, bEnd - j));
        if (result == 0)
        {
            result = (aEnd - i).CompareTo(bEnd - j);
        }

        i = aEnd;
        j = bEnd;
        return Math.Sign(result);
    }

    private static int RunEnd(string s, int start, Func<char, bool> predicate)
    {
        var end = start;
        while (end < s.Length && predicate(s[end]))
        {
            end++;
        }

        return end;
    }

    private static bool IsVersionChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '~' or '-' or '^' or '.';
}
