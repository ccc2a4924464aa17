using System.Text;

namespace Basalt.Compose.Accounts;

/// <summary>Splitting a sysusers.d line into words (quotes, escapes) and expanding the one specifier an image build can honour.</summary>
internal static partial class SysusersParser
{
    // systemd expands specifiers (%m, %H, …) in these fields; they depend on the running host, so an image build
    // cannot honour them. Only the escape "%%" is accepted.
    private static string Expand(string word, string source)
    {
        if (!word.Contains('%', StringComparison.Ordinal))
        {
            return word;
        }

        var text = new StringBuilder();
        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] != '%')
            {
                text.Append(word[i]);
            }
            else if (i + 1 < word.Length && word[i + 1] == '%')
            {
                text.Append('%');
                i++;
            }
            else
            {
                throw Error(source, $"specifier '%{(i + 1 < word.Length ? word[i + 1] : ' ')}' in '{word}' depends on the running host and is not supported in an image build");
            }
        }

        return text.ToString();
    }

    private static List<string> Split(string line, string source)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && quote != '\'')
            {
                if (++i == line.Length)
                {
                    throw Error(source, "the line ends with a lone '\\'");
                }

                word.Append(line[i]);
                inWord = true;
            }
            else if (quote != '\0')
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
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
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

        if (quote != '\0')
        {
            throw Error(source, $"unterminated {quote} quote");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
