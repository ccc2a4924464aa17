using System.Text;

namespace Basalt.Compose.Install;

/// <summary>The scanner behind <see cref="ShellCommands.Split"/>: separators, comments and command assembly.</summary>
internal sealed partial class ShellParser(string text)
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time",
    };

    private readonly List<string> _words = [];
    private readonly List<string> _writes = [];
    private readonly List<(string Delimiter, bool StripTabs)> _heredocs = [];
    private readonly StringBuilder _word = new();
    private bool _inWord;
    private bool _inCase;
    private int _i;

    public List<ShellCommand> Commands { get; } = [];

    public void Run()
    {
        while (_i < text.Length)
        {
            var c = text[_i];
            switch (c)
            {
                case '\n':
                    _i++;
                    EndCommand();
                    SkipHeredocs();
                    break;
                case ' ' or '\t' or '\r':
                    _i++;
                    EndWord();
                    break;
                case '#' when !_inWord:
                    while (_i < text.Length && text[_i] != '\n')
                    {
                        _i++;
                    }

                    break;
                case ';' or '&' or '|':
                case '(' or '{' or '}' when !_inWord:
                    _i++;
                    EndCommand();
                    break;
                case ')':
                    _i++;
                    if (_inCase)
                    {
                        // A case pattern ("1)" or "*)") is not a command.
                        _word.Clear();
                        _inWord = false;
                        _words.Clear();
                    }

                    EndCommand();
                    break;
                case '<' or '>':
                    Redirection();
                    break;
                case '\\' when _i + 1 < text.Length && text[_i + 1] == '\n':
                    // A line continuation joins the lines; it is neither a word nor a separator.
                    _i += 2;
                    break;
                default:
                    ReadWordPart();
                    break;
            }
        }

        EndCommand();
    }

    private void EndWord()
    {
        if (_inWord)
        {
            _words.Add(_word.ToString());
            _word.Clear();
            _inWord = false;
        }
    }

    private void EndCommand()
    {
        EndWord();
        var start = 0;
        while (start < _words.Count && (Keywords.Contains(_words[start]) || IsAssignment(_words[start])))
        {
            start++;
        }

        var words = _words.Skip(start).ToList();
        _words.Clear();
        if (words.Count > 0)
        {
            switch (words[0])
            {
                case "case":
                    _inCase = true;
                    words.Clear();
                    break;
                case "esac":
                    _inCase = false;
                    words.Clear();
                    break;
                case "for" or "select":
                    words.Clear();
                    break;
            }
        }

        if (words.Count > 0 || _writes.Count > 0)
        {
            Commands.Add(new ShellCommand(words.Count > 0 ? words : [":"], [.. _writes]));
        }

        _writes.Clear();
    }

    private static bool IsAssignment(string word)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && word[..equals].All(ch => ch == '_' || char.IsAsciiLetterOrDigit(ch)) && !char.IsAsciiDigit(word[0]);
    }
}
