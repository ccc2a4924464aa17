namespace Basalt.Compose.Machines;

/// <summary>
/// Shell-style matching for loader.conf's <c>default</c>: <c>*</c>, <c>?</c> and <c>[…]</c> classes with ranges and
/// <c>!</c> negation. Case-insensitive, since the ids are FAT file names.
/// </summary>
internal static class Glob
{
    public static bool IsMatch(string pattern, string text) => Match(pattern.AsSpan(), text.AsSpan());

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (pattern.Length > 0)
        {
            switch (pattern[0])
            {
                case '*':
                    pattern = pattern.TrimStart('*');
                    for (var skip = 0; skip <= text.Length; skip++)
                    {
                        if (Match(pattern, text[skip..]))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (text.IsEmpty)
                    {
                        return false;
                    }

                    break;
                case '[':
                    var close = pattern[1..].IndexOf(']');
                    if (close >= 0)
                    {
                        if (text.IsEmpty || !InClass(pattern[1..(close + 1)], text[0]))
                        {
                            return false;
                        }

                        pattern = pattern[(close + 2)..];
                        text = text[1..];
                        continue;
                    }

                    goto default;
                default:
                    if (text.IsEmpty || char.ToLowerInvariant(pattern[0]) != char.ToLowerInvariant(text[0]))
                    {
                        return false;
                    }

                    break;
            }

            pattern = pattern[1..];
            text = text[1..];
        }

        return text.IsEmpty;
    }

    private static bool InClass(ReadOnlySpan<char> set, char c)
    {
        var negate = set.Length > 0 && set[0] is '!' or '^';
        if (negate)
        {
            set = set[1..];
        }

        c = char.ToLowerInvariant(c);
        var found = false;
        for (var i = 0; i < set.Length; i++)
        {
            var low = char.ToLowerInvariant(set[i]);
            var high = low;
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                high = char.ToLowerInvariant(set[i + 2]);
                i += 2;
            }

            found |= c >= low && c <= high;
        }

        return found != negate;
    }
}
