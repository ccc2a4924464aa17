namespace Basalt.Packaging;

/// <summary>
/// rpm's version-segment comparison (rpmvercmp, rpmio/rpmvercmp.c semantics): strings are split into
/// runs of ASCII digits and ASCII letters; everything else separates runs. '~' sorts before anything
/// (even the end of the string), '^' sorts after the end of the string but before any further run.
/// Numeric runs compare by value (leading zeros ignored) and beat alphabetic runs.
/// </summary>
public static class RpmVersion
{
    /// <summary>Compares two version (or release, or epoch) strings as rpmvercmp does; returns -1, 0 or 1.</summary>
    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compare(a.AsSpan(), b.AsSpan());
    }

    /// <summary>Compares two version strings as rpmvercmp does; returns -1, 0 or 1.</summary>
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && IsSeparator(a[i]))
            {
                i++;
            }

            while (j < b.Length && IsSeparator(b[j]))
            {
                j++;
            }

            char ca = i < a.Length ? a[i] : '\0';
            char cb = j < b.Length ? b[j] : '\0';

            // '~' sorts before everything, including the end of the string ("1.0~rc1" < "1.0").
            if (ca == '~' || cb == '~')
            {
                if (ca != '~')
                {
                    return 1;
                }

                if (cb != '~')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            // '^' sorts after the end of the string but before any further segment ("1.0" < "1.0^git1" < "1.0.1").
            if (ca == '^' || cb == '^')
            {
                if (i >= a.Length)
                {
                    return -1;
                }

                if (j >= b.Length)
                {
                    return 1;
                }

                if (ca != '^')
                {
                    return 1;
                }

                if (cb != '^')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                break;
            }

            int startA = i, startB = j;
            bool numeric = IsDigit(a[i]);
            if (numeric)
            {
                while (i < a.Length && IsDigit(a[i]))
                {
                    i++;
                }

                while (j < b.Length && IsDigit(b[j]))
                {
                    j++;
                }
            }
            else
            {
                while (i < a.Length && IsLetter(a[i]))
                {
                    i++;
                }

                while (j < b.Length && IsLetter(b[j]))
                {
                    j++;
                }
            }

            // The other side has a run of the other kind here: a number is newer than letters.
            if (j == startB)
            {
                return numeric ? 1 : -1;
            }

            var segA = a[startA..i];
            var segB = b[startB..j];
            int rc = numeric ? CompareNumeric(segA, segB) : Sign(segA.SequenceCompareTo(segB));
            if (rc != 0)
            {
                return rc;
            }
        }

        if (i >= a.Length && j >= b.Length)
        {
            return 0;
        }

        // Whichever side still has characters left is newer.
        return i >= a.Length ? -1 : 1;
    }

    private static int CompareNumeric(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        if (a.Length != b.Length)
        {
            return a.Length > b.Length ? 1 : -1;
        }

        return Sign(a.SequenceCompareTo(b));
    }

    private static int Sign(int value) => value < 0 ? -1 : value > 0 ? 1 : 0;

    // rpm's risdigit/risalpha are ASCII-only; every other character (including non-ASCII) separates segments.
    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool IsSeparator(char c) => !IsDigit(c) && !IsLetter(c) && c != '~' && c != '^';
}
