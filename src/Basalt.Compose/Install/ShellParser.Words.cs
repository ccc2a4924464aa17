namespace Basalt.Compose.Install;

/// <summary>Words, quotes, substitutions, redirections and here-documents.</summary>
internal sealed partial class ShellParser
{
    private void ReadWordPart()
    {
        var c = text[_i];
        _inWord = true;
        if (c == '\\')
        {
            if (_i + 1 < text.Length)
            {
                _word.Append(text[_i + 1]);
            }

            _i += 2;
            return;
        }

        if (c is '\'' or '"')
        {
            var end = text.IndexOf(c, _i + 1);
            while (c == '"' && end > 0 && text[end - 1] == '\\')
            {
                end = text.IndexOf(c, end + 1);
            }

            end = end < 0 ? text.Length : end;
            _word.Append(text, _i + 1, end - _i - 1);
            _i = end + 1;
            return;
        }

        if (c == '$' && _i + 1 < text.Length && text[_i + 1] == '(')
        {
            var start = _i;
            var depth = 0;
            do
            {
                depth += text[_i] == '(' ? 1 : text[_i] == ')' ? -1 : 0;
                _i++;
            }
            while (_i < text.Length && depth > 0);
            _word.Append(text, start, _i - start);
            return;
        }

        if (c == '`')
        {
            var end = text.IndexOf('`', _i + 1);
            end = end < 0 ? text.Length : end;
            _word.Append(text, _i, Math.Min(end + 1, text.Length) - _i);
            _i = end + 1;
            return;
        }

        _word.Append(c);
        _i++;
    }

    /// <summary>"&gt; file", "2&gt;&amp;1", "&lt;&lt;EOF": the target is read as one word and not kept as an argument.</summary>
    private void Redirection()
    {
        // A word made only of digits right before the operator is a file descriptor number ("2>").
        if (_inWord && _word.ToString().All(char.IsAsciiDigit))
        {
            _word.Clear();
            _inWord = false;
        }
        else
        {
            EndWord();
        }

        var start = _i;
        while (_i < text.Length && text[_i] is '<' or '>' or '&' or '|' or '-')
        {
            _i++;
        }

        var op = text[start.._i];
        while (_i < text.Length && text[_i] is ' ' or '\t')
        {
            _i++;
        }

        while (_i < text.Length && text[_i] is not (' ' or '\t' or '\n' or ';' or '&' or '|' or ')' or '<' or '>'))
        {
            ReadWordPart();
        }

        var target = _word.ToString();
        _word.Clear();
        _inWord = false;
        if (op is "<<" or "<<-")
        {
            _heredocs.Add((target, op == "<<-"));
        }
        else if (op.Contains('>', StringComparison.Ordinal) && !op.EndsWith('&') && target != "/dev/null" && !target.StartsWith('&'))
        {
            _writes.Add(target);
        }
    }

    private void SkipHeredocs()
    {
        foreach (var (delimiter, stripTabs) in _heredocs)
        {
            while (_i < text.Length)
            {
                var end = text.IndexOf('\n', _i);
                var line = end < 0 ? text[_i..] : text[_i..end];
                _i = end < 0 ? text.Length : end + 1;
                if ((stripTabs ? line.TrimStart('\t') : line) == delimiter)
                {
                    break;
                }
            }
        }

        _heredocs.Clear();
    }
}
