using System.Text;

namespace Basalt.Compose.Layout;

/// <summary>
/// os-release(5): newline-separated <c>KEY=value</c> assignments, <c>#</c> comments, values optionally in single or
/// double quotes with shell-style backslash escapes. Merging keeps the packaged file's lines (comments and order
/// included) and sets the given fields over them; new fields are appended in key order.
/// </summary>
public static class OsReleaseFile
{
    /// <summary>The packaged os-release the merge starts from is refused beyond this size (it is a few hundred bytes).</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Sets <paramref name="fields"/> over <paramref name="existing"/> (null: start empty); the result ends with a newline.</summary>
    public static string Merge(string? existing, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var output = new StringBuilder();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in (existing ?? "").Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var key = KeyOf(line);
            if (key is not null && fields.TryGetValue(key, out var value))
            {
                // The first assignment is replaced; later duplicates would override it in a shell, so they go.
                if (written.Add(key))
                {
                    output.Append(Format(key, value)).Append('\n');
                }

                continue;
            }

            if (line.Length > 0)
            {
                output.Append(line).Append('\n');
            }
        }

        foreach (var (key, value) in fields.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (written.Add(key))
            {
                output.Append(Format(key, value)).Append('\n');
            }
        }

        return output.ToString();
    }

    /// <summary>
    /// One assignment. os-release(5): values with characters outside A–Z, a–z, 0–9 must be quoted, and the shell
    /// specials <c>$ " \ `</c> escaped with a backslash inside double quotes.
    /// </summary>
    public static string Format(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException($"os-release value of '{key}' spans lines; os-release(5) values are single-line.", nameof(value));
        }

        if (value.Length > 0 && value.All(char.IsAsciiLetterOrDigit))
        {
            return key + "=" + value;
        }

        var quoted = new StringBuilder(value.Length + key.Length + 3).Append(key).Append("=\"");
        foreach (var c in value)
        {
            if (c is '$' or '"' or '\\' or '`')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>Parses assignments as a shell would (later assignments win); comments and malformed lines are skipped.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var key = KeyOf(line);
            if (key is not null)
            {
                fields[key] = Unquote(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());
            }
        }

        return fields;
    }

    private static string? KeyOf(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] == '#')
        {
            return null;
        }

        var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        var key = trimmed[..equals];
        return key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? key : null;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1];
        }

        var inner = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        var result = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            result.Append(inner[i]);
        }

        return result.ToString();
    }
}
