namespace Basalt.Compose.Services;

/// <summary>Glob matching as preset files and ld.so.conf includes use it.</summary>
internal static class UnitGlob
{
    /// <summary>fnmatch(3) without flags (FNM_NOESCAPE): '*', '?', bracket expressions with '!'/'^' and ranges.</summary>
    public static bool Match(string pattern, string name) => Match(pattern.AsSpan(), name.AsSpan());

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        while (pattern.Length > 0)
        {
            switch (pattern[0])
            {
                case '*':
                    pattern = pattern.TrimStart('*');
                    for (var i = 0; i <= name.Length; i++)
                    {
                        if (Match(pattern, name[i..]))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (name.Length == 0)
                    {
                        return false;
                    }

                    break;
                case '[':
                    var end = BracketEnd(pattern);
                    if (end < 0)
                    {
                        goto default; // an unterminated '[' matches itself
                    }

                    if (name.Length == 0 || !BracketMatches(pattern[1..end], name[0]))
                    {
                        return false;
                    }

                    pattern = pattern[(end + 1)..];
                    name = name[1..];
                    continue;
                default:
                    if (name.Length == 0 || name[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
            }

            pattern = pattern[1..];
            name = name[1..];
        }

        return name.Length == 0;
    }

    private static int BracketEnd(ReadOnlySpan<char> pattern)
    {
        var i = 1;
        if (i < pattern.Length && pattern[i] is '!' or '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++; // a leading ']' is literal
        }

        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == ']')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool BracketMatches(ReadOnlySpan<char> set, char c)
    {
        var negate = set.Length > 0 && set[0] is '!' or '^';
        if (negate)
        {
            set = set[1..];
        }

        var matched = false;
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                matched |= c >= set[i] && c <= set[i + 2];
                i += 2;
            }
            else
            {
                matched |= c == set[i];
            }
        }

        return matched != negate;
    }
}
