using System.Collections.Frozen;

namespace Basalt.Trust.Sbom;

/// <summary>
/// Parses and validates SPDX license expressions (SPDX 2.3 Annex D): license ids from the SPDX License List with an
/// optional "+", <c>LicenseRef-</c> and <c>DocumentRef-…:LicenseRef-</c> references, <c>WITH</c> an exception id,
/// <c>AND</c>, <c>OR</c> and parentheses, with the precedence WITH &gt; AND &gt; OR. Ids match case-insensitively
/// (Annex D.2) and come back in the list's spelling; operators are written in upper case (rpm spec files written
/// before Fedora's SPDX switch use lower case, which we accept and normalise).
/// </summary>
public static class LicenseExpression
{
    /// <summary>A License tag longer than this is not an expression anyone wrote by hand; refuse before tokenising.</summary>
    internal const int MaxLength = 8192;

    /// <summary>Nesting cap so a hostile tag of many '(' cannot exhaust the stack.</summary>
    internal const int MaxDepth = 64;

    internal static readonly FrozenDictionary<string, string> Licenses = Index(SpdxLicenseIds.Licenses);

    internal static readonly FrozenDictionary<string, string> Exceptions = Index(SpdxLicenseIds.Exceptions);

    /// <summary>
    /// True when <paramref name="license"/> is a valid SPDX license expression; <paramref name="spdxExpression"/> is then
    /// its normal form (single spaces, canonical id case, upper-case operators, the given parentheses).
    /// </summary>
    public static bool TryNormalize(string license, out string spdxExpression)
    {
        spdxExpression = string.Empty;
        if (string.IsNullOrWhiteSpace(license) || license.Length > MaxLength)
        {
            return false;
        }

        var tokens = Tokenize(license);
        var parser = new LicenseExpressionParser(tokens);
        if (!parser.TryParse(out var normal))
        {
            return false;
        }

        spdxExpression = normal;
        return true;
    }

    /// <summary>A simple expression: a listed id (optionally with "+") or a LicenseRef; returns its canonical form.</summary>
    internal static bool TrySimple(string token, out string canonical)
    {
        canonical = string.Empty;
        if (Licenses.TryGetValue(token, out var listed))
        {
            // Deprecated ids such as "GPL-2.0+" are list entries in their own right.
            canonical = listed;
            return true;
        }

        if (token.EndsWith('+') && Licenses.TryGetValue(token[..^1], out var orLater))
        {
            canonical = orLater + "+";
            return true;
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var document = token[..colon];
            var reference = token[(colon + 1)..];
            if (IsRef(document, "DocumentRef-") && IsRef(reference, "LicenseRef-"))
            {
                canonical = token;
                return true;
            }

            return false;
        }

        if (IsRef(token, "LicenseRef-"))
        {
            canonical = token;
            return true;
        }

        return false;
    }

    /// <summary>Annex D idstring: one or more of [A-Za-z0-9.-] after the prefix.</summary>
    private static bool IsRef(string token, string prefix) =>
        token.Length > prefix.Length && token.StartsWith(prefix, StringComparison.Ordinal) && !token.AsSpan(prefix.Length).ContainsAnyExcept(IdChars);

    private static readonly System.Buffers.SearchValues<char> IdChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-");

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }

    private static FrozenDictionary<string, string> Index(string ids) =>
        ids.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToFrozenDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);
}
