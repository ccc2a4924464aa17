using Basalt.Packaging;
using Basalt.Packaging.Rich;

namespace Basalt.Solver.Tests.Testcases;

/// <summary>
/// libsolv's testcase dependency syntax (testcase_str2dep): "name [op evr]" terms, parentheses, and the boolean
/// operators '&amp;', '|', &lt;IF&gt;, &lt;UNLESS&gt;, &lt;ELSE&gt;, &lt;WITH&gt;, &lt;WITHOUT&gt;, right-associative without
/// precedence. Rich ones become rpm's rich syntax text, which is what repository metadata carries.
/// </summary>
internal static class TestTagsDependency
{
    public static Dependency Parse(string text)
    {
        var tokens = Tokenize(text);
        int pos = 0;
        var node = Node(ParseExpression(tokens, ref pos, text), text);
        if (pos != tokens.Count)
        {
            throw new FormatException($"Testcase dependency \"{text}\": unexpected \"{tokens[pos]}\".");
        }

        return node is RichSimple simple ? simple.Dependency : new Dependency(AsGroup(node).ToString());
    }

    private static RichDependency AsGroup(RichDependency node) => node is RichSimple ? new RichGroup(node) : node;

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '&' or '|')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '<' && text.IndexOf('>', i) is int close and > 0 && IsKeyword(text[i..(close + 1)]))
            {
                tokens.Add(text[i..(close + 1)]);
                i = close + 1;
            }
            else
            {
                // Names such as "perl(Foo)" or "ptf-package()" keep balanced parentheses.
                int start = i;
                int depth = 0;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('&' or '|') && !(text[i] == ')' && depth == 0))
                {
                    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }

    private static bool IsKeyword(string token) => token is "<IF>" or "<UNLESS>" or "<ELSE>" or "<WITH>" or "<WITHOUT>";

    private static RichDependency Node(object parsed, string text)
        => parsed as RichDependency ?? throw new FormatException($"Testcase dependency \"{text}\": <ELSE> outside <IF>/<UNLESS>.");

    // Returns a RichDependency, or an ElsePair for "a <ELSE> b" (meaningful only as the right side of <IF>/<UNLESS>).
    private static object ParseExpression(List<string> tokens, ref int pos, string text)
    {
        var leftParsed = ParseTerm(tokens, ref pos, text);
        if (pos >= tokens.Count || tokens[pos] == ")")
        {
            return leftParsed;
        }

        var left = Node(leftParsed, text);
        string op = tokens[pos++];
        var rightParsed = ParseExpression(tokens, ref pos, text);
        if (op == "<ELSE>")
        {
            return new ElsePair(left, Node(rightParsed, text));
        }

        if (op is "<IF>" or "<UNLESS>" && rightParsed is ElsePair pair)
        {
            return op == "<IF>" ? new RichIf(left, pair.Left, pair.Right) : new RichUnless(left, pair.Left, pair.Right);
        }

        var right = Node(rightParsed, text);
        return op switch
        {
            "&" => new RichAnd(Flatten<RichAnd>(left, right)),
            "|" => new RichOr(Flatten<RichOr>(left, right)),
            "<WITH>" => new RichWith(Flatten<RichWith>(left, right)),
            "<WITHOUT>" => new RichWithout(left, right),
            "<IF>" => new RichIf(left, right, null),
            "<UNLESS>" => new RichUnless(left, right, null),
            _ => throw new FormatException($"Testcase dependency \"{text}\": unknown operator \"{op}\"."),
        };
    }

    private static IEnumerable<RichDependency> Flatten<T>(RichDependency left, RichDependency right)
        where T : RichChain
        => right is T chain ? [left, .. chain.Operands] : [left, right];

    private static object ParseTerm(List<string> tokens, ref int pos, string text)
    {
        if (tokens[pos] == "(")
        {
            pos++;
            var inner = ParseExpression(tokens, ref pos, text);
            if (pos >= tokens.Count || tokens[pos] != ")")
            {
                throw new FormatException($"Testcase dependency \"{text}\": missing ')'.");
            }

            pos++;
            return inner;
        }

        string name = tokens[pos++];
        if (pos + 1 < tokens.Count && Comparison(tokens[pos]) is var flags and not DependencyFlags.None)
        {
            string evr = tokens[pos + 1];
            pos += 2;
            return new RichSimple(new Dependency(name, flags, evr));
        }

        return new RichSimple(new Dependency(name));
    }

    private static DependencyFlags Comparison(string token) => token switch
    {
        "<" => DependencyFlags.Less,
        "<=" => DependencyFlags.Less | DependencyFlags.Equal,
        "=" => DependencyFlags.Equal,
        ">=" => DependencyFlags.Greater | DependencyFlags.Equal,
        ">" => DependencyFlags.Greater,
        "<>" => DependencyFlags.Less | DependencyFlags.Greater,
        _ => DependencyFlags.None,
    };

    private sealed record ElsePair(RichDependency Left, RichDependency Right);
}
