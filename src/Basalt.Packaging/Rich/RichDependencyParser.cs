namespace Basalt.Packaging.Rich;

/// <summary>
/// Recursive-descent parser for rpm's rich dependency syntax (rpm's rpmrichParse rules):
/// <code>
/// rich   := '(' term ( op term )* ')'
/// term   := rich | name [ cmp evr ]
/// op     := and | or | if | unless | else | with | without
/// cmp    := &lt; | &lt;= | =&lt; | = | == | &gt;= | =&gt; | &gt;
/// </code>
/// One level chains a single operator ("and", "or" and "with" may repeat); "if"/"unless" take one optional
/// "else"; "without" is binary; operands of "with"/"without" may nest only "or", "with" and "without".
/// </summary>
internal sealed partial class RichDependencyParser(string text)
{
    private readonly string _text = text;
    private int _pos;

    public RichDependency ParseAll()
    {
        if (_text.Length == 0 || _text[0] != '(')
        {
            throw Error("expected '('", 0);
        }

        var result = ParseGroup(depth: 1);
        SkipWhite();
        if (_pos != _text.Length)
        {
            throw Error("unexpected text after the closing ')'", _pos);
        }

        return result.Node;
    }

    /// <summary>
    /// A parsed term and the offset of its first operator that may not appear inside with/without
    /// ("and", "if", "unless"), or -1.
    /// </summary>
    private readonly record struct Parsed(RichDependency Node, int NotInWithOffset, string NotInWithOperator);

    private Parsed ParseGroup(int depth)
    {
        // _pos is at '('.
        if (depth > RichDependency.MaxDepth)
        {
            throw Error($"parentheses nested deeper than {RichDependency.MaxDepth}", _pos);
        }

        _pos++;
        var operands = new List<Parsed>(2);
        RichOperator chain = RichOperator.Group;
        int chainOffset = -1;
        bool sawElse = false;
        operands.Add(ParseTerm(depth));
        while (true)
        {
            SkipWhite();
            if (_pos >= _text.Length)
            {
                throw Error("expected an operator or ')'", _pos);
            }

            if (_text[_pos] == ')')
            {
                _pos++;
                break;
            }

            int opOffset = _pos;
            string word = ReadToken();
            var op = ParseOperator(word, opOffset);
            if (op == Else)
            {
                if (chain is not (RichOperator.If or RichOperator.Unless) || sawElse)
                {
                    throw Error("'else' is allowed only once, after 'if' or 'unless'", opOffset);
                }

                sawElse = true;
            }
            else if (chain == RichOperator.Group)
            {
                chain = op;
                chainOffset = opOffset;
            }
            else if (chain is RichOperator.If or RichOperator.Unless or RichOperator.Without)
            {
                throw Error($"'{word}' cannot follow '{Keyword(chain)}' at one level (add parentheses)", opOffset);
            }
            else if (op != chain)
            {
                throw Error($"'{word}' cannot be mixed with '{Keyword(chain)}' at one level (add parentheses)", opOffset);
            }

            operands.Add(ParseTerm(depth));
        }

        return Build(chain, chainOffset, operands);
    }

    private Parsed ParseTerm(int depth)
    {
        SkipWhite();
        if (_pos < _text.Length && _text[_pos] == '(')
        {
            return ParseGroup(depth + 1);
        }

        int nameOffset = _pos;
        string name = ReadToken();
        if (name.Length == 0)
        {
            throw Error("expected a dependency", nameOffset);
        }

        // An optional comparison: the next whitespace-separated token, when it is exactly an operator.
        int save = _pos;
        SkipWhite();
        int cmpOffset = _pos;
        string cmp = ReadToken();
        var sense = ParseComparison(cmp);
        if (sense == DependencyFlags.None)
        {
            _pos = save;
            return new Parsed(new RichSimple(new Dependency(name)), -1, "");
        }

        SkipWhite();
        int evrOffset = _pos;
        string evr = ReadToken();
        if (evr.Length == 0)
        {
            throw Error($"expected a version after '{_text.AsSpan(cmpOffset, cmp.Length)}'", evrOffset);
        }

        return new Parsed(new RichSimple(new Dependency(name, sense, evr)), -1, "");
    }
}
