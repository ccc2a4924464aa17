namespace Basalt.Packaging.Rich;

/// <summary>Tokens, operator tables, node building and errors of <see cref="RichDependencyParser"/>.</summary>
internal sealed partial class RichDependencyParser
{
    // "else" is a continuation of if/unless, not a node of its own; it gets a value outside RichOperator's range.
    private const RichOperator Else = (RichOperator)(-1);

    private static RichOperator ParseOperator(string word, int offset, string text) => word switch
    {
        "and" => RichOperator.And,
        "or" => RichOperator.Or,
        "if" => RichOperator.If,
        "unless" => RichOperator.Unless,
        "else" => Else,
        "with" => RichOperator.With,
        "without" => RichOperator.Without,
        "" => throw Error(text, "expected an operator or ')'", offset),
        _ => throw Error(text, $"unknown operator '{word}', expected and, or, if, unless, else, with, without or ')'", offset),
    };

    private RichOperator ParseOperator(string word, int offset) => ParseOperator(word, offset, _text);

    // rpm's comparison tokens (rpmds.c ReqComparisons); the token must match exactly.
    private static DependencyFlags ParseComparison(string token) => token switch
    {
        "<" => DependencyFlags.Less,
        "<=" or "=<" => DependencyFlags.Less | DependencyFlags.Equal,
        "=" or "==" => DependencyFlags.Equal,
        ">=" or "=>" => DependencyFlags.Greater | DependencyFlags.Equal,
        ">" => DependencyFlags.Greater,
        _ => DependencyFlags.None,
    };

    private static string Keyword(RichOperator op) => op switch
    {
        RichOperator.And => "and",
        RichOperator.Or => "or",
        RichOperator.If => "if",
        RichOperator.Unless => "unless",
        RichOperator.With => "with",
        RichOperator.Without => "without",
        _ => "",
    };

    private Parsed Build(RichOperator chain, int chainOffset, List<Parsed> operands)
    {
        if (chain is RichOperator.With or RichOperator.Without)
        {
            // with/without constrain one package, so their operands cannot spread over several packages.
            foreach (var operand in operands)
            {
                if (operand.NotInWithOffset >= 0)
                {
                    throw Error($"'{operand.NotInWithOperator}' is not allowed inside '{Keyword(chain)}' (only 'or', 'with' and 'without' are)",
                        operand.NotInWithOffset);
                }
            }
        }

        int notInWith = -1;
        string notInWithOperator = "";
        if (chain is RichOperator.And or RichOperator.If or RichOperator.Unless)
        {
            notInWith = chainOffset;
            notInWithOperator = Keyword(chain);
        }
        else
        {
            foreach (var operand in operands)
            {
                if (operand.NotInWithOffset >= 0)
                {
                    notInWith = operand.NotInWithOffset;
                    notInWithOperator = operand.NotInWithOperator;
                    break;
                }
            }
        }

        var nodes = operands.ConvertAll(o => o.Node);
        RichDependency node = chain switch
        {
            RichOperator.Group => new RichGroup(nodes[0]),
            RichOperator.And => new RichAnd(nodes),
            RichOperator.Or => new RichOr(nodes),
            RichOperator.With => new RichWith(nodes),
            RichOperator.Without => new RichWithout(nodes[0], nodes[1]),
            RichOperator.If => new RichIf(nodes[0], nodes[1], nodes.Count > 2 ? nodes[2] : null),
            _ => new RichUnless(nodes[0], nodes[1], nodes.Count > 2 ? nodes[2] : null),
        };
        if (chain is RichOperator.If or RichOperator.Unless)
        {
            _operatorOffsets[node] = chainOffset;
        }

        return new Parsed(node, notInWith, notInWithOperator);
    }

    /// <summary>
    /// A token as rpm's SKIPNONWHITEX reads it: up to whitespace, ',' or an unbalanced ')', so names such as
    /// "perl(Foo::Bar)" keep their parentheses.
    /// </summary>
    private string ReadToken()
    {
        int start = _pos;
        int depth = 0;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (IsWhite(c) || c == ',' || (c == ')' && depth-- <= 0))
            {
                break;
            }

            if (c == '(')
            {
                depth++;
            }

            _pos++;
        }

        return _text[start.._pos];
    }

    private void SkipWhite()
    {
        while (_pos < _text.Length && IsWhite(_text[_pos]))
        {
            _pos++;
        }
    }

    // rpm's risspace: the C locale's whitespace characters.
    private static bool IsWhite(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private FormatException Error(string what, int offset) => Error(_text, what, offset);

    private static FormatException Error(string text, string what, int offset)
        => new($"Rich dependency \"{text}\": {what} at offset {offset}");
}
