namespace Basalt.Trust.Sbom;

/// <summary>
/// Recursive descent over the tokens of a license expression (SPDX 2.3 Annex D.4 grammar):
/// <c>or := and ("OR" and)*</c>, <c>and := with ("AND" with)*</c>, <c>with := primary ["WITH" exception]</c>,
/// <c>primary := simple | "(" or ")"</c>. It only validates; the normal form is the tokens re-joined, so the
/// packager's grouping survives unchanged.
/// </summary>
internal sealed class LicenseExpressionParser(IReadOnlyList<string> tokens)
{
    private readonly List<string> _output = [];
    private int _position;
    private int _depth;

    public bool TryParse(out string normal)
    {
        normal = string.Empty;
        if (tokens.Count == 0 || !ParseOr() || _position != tokens.Count)
        {
            return false;
        }

        var text = new System.Text.StringBuilder();
        for (var i = 0; i < _output.Count; i++)
        {
            var token = _output[i];
            var glue = i > 0 && token != ")" && _output[i - 1] != "(";
            text.Append(glue ? " " : string.Empty).Append(token);
        }

        normal = text.ToString();
        return true;
    }

    private bool ParseOr()
    {
        if (!ParseAnd())
        {
            return false;
        }

        while (Accept("OR"))
        {
            if (!ParseAnd())
            {
                return false;
            }
        }

        return true;
    }

    private bool ParseAnd()
    {
        if (!ParseWith())
        {
            return false;
        }

        while (Accept("AND"))
        {
            if (!ParseWith())
            {
                return false;
            }
        }

        return true;
    }

    private bool ParseWith()
    {
        if (!ParsePrimary())
        {
            return false;
        }

        if (!Accept("WITH"))
        {
            return true;
        }

        if (_position >= tokens.Count || !LicenseExpression.Exceptions.TryGetValue(tokens[_position], out var exception))
        {
            return false;
        }

        _output.Add(exception);
        _position++;
        return true;
    }

    private bool ParsePrimary()
    {
        if (_position >= tokens.Count)
        {
            return false;
        }

        var token = tokens[_position];
        if (token == "(")
        {
            if (++_depth > LicenseExpression.MaxDepth)
            {
                return false;
            }

            _output.Add("(");
            _position++;
            if (!ParseOr() || _position >= tokens.Count || tokens[_position] != ")")
            {
                return false;
            }

            _output.Add(")");
            _position++;
            _depth--;
            return true;
        }

        if (IsOperator(token) || token == ")" || !LicenseExpression.TrySimple(token, out var canonical))
        {
            return false;
        }

        _output.Add(canonical);
        _position++;
        return true;
    }

    private bool Accept(string keyword)
    {
        if (_position < tokens.Count && IsKeyword(tokens[_position], keyword))
        {
            _output.Add(keyword);
            _position++;
            return true;
        }

        return false;
    }

    private static bool IsOperator(string token) => IsKeyword(token, "AND") || IsKeyword(token, "OR") || IsKeyword(token, "WITH");

    // Upper case is the Annex D spelling; all-lower-case is what pre-SPDX spec files wrote ("MIT and ISC").
    private static bool IsKeyword(string token, string keyword) =>
        string.Equals(token, keyword, StringComparison.Ordinal)
        || (token.All(char.IsAsciiLetterLower) && string.Equals(token, keyword, StringComparison.OrdinalIgnoreCase));
}
