using System.Text;

namespace Basalt.Compose.Services;

/// <summary>The [Install] section of a unit file (systemd.unit(5) "[Install] Section Options"), values as written.</summary>
internal sealed class InstallSection
{
    /// <summary>Unit files larger than this are not configuration; refuse rather than read them.</summary>
    public const int MaxUnitFileBytes = 4 * 1024 * 1024;

    public List<string> Alias { get; } = [];

    public List<string> WantedBy { get; } = [];

    public List<string> RequiredBy { get; } = [];

    public List<string> UpheldBy { get; } = [];

    public List<string> Also { get; } = [];

    public string? DefaultInstance { get; set; }

    public bool IsEmpty => Alias.Count + WantedBy.Count + RequiredBy.Count + UpheldBy.Count + Also.Count == 0;

    /// <summary>
    /// Parses the [Install] section following systemd's configuration syntax (systemd.syntax(7)): comments start
    /// with '#' or ';', a trailing backslash continues a line, an empty assignment resets a list.
    /// </summary>
    public static InstallSection Parse(byte[] content, string path)
    {
        var result = new InstallSection();
        result.ParseMore(content, path);
        return result;
    }

    /// <summary>Adds the [Install] settings of a drop-in (NAME.d/*.conf) to these.</summary>
    public void ParseMore(byte[] content, string path)
    {
        if (content.Length > MaxUnitFileBytes)
        {
            throw new InvalidDataException($"Unit file '{path}' is larger than {MaxUnitFileBytes} bytes.");
        }

        var result = this;
        var inInstall = false;
        foreach (var line in LogicalLines(Encoding.UTF8.GetString(content)))
        {
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                inInstall = line == "[Install]";
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (!inInstall || equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            var list = key switch
            {
                "Alias" => result.Alias,
                "WantedBy" => result.WantedBy,
                "RequiredBy" => result.RequiredBy,
                "UpheldBy" => result.UpheldBy,
                "Also" => result.Also,
                _ => null,
            };
            if (key == "DefaultInstance")
            {
                result.DefaultInstance = value.Length == 0 ? null : value;
            }
            else if (list is not null && value.Length == 0 && key != "Also")
            {
                list.Clear();
            }
            else
            {
                list?.AddRange(Words(value));
            }
        }
    }

    /// <summary>Lines with whitespace trimmed and backslash continuations joined (the backslash becomes a space).</summary>
    private static IEnumerable<string> LogicalLines(string text)
    {
        var pending = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (pending.Length > 0 && line.Length > 0 && line[0] is '#' or ';')
            {
                continue; // comment lines inside a continuation are dropped
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line.AsSpan(0, line.Length - 1)).Append(' ');
                continue;
            }

            pending.Append(line);
            yield return pending.ToString().Trim();
            pending.Clear();
        }

        if (pending.Length > 0)
        {
            yield return pending.ToString().Trim();
        }
    }

    /// <summary>Whitespace-separated words; single or double quotes group a word and are removed.</summary>
    internal static IEnumerable<string> Words(string value)
    {
        var word = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        foreach (var c in value)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    yield return word.ToString();
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            yield return word.ToString();
        }
    }
}
