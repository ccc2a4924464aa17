using Basalt.Packaging.Rich;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Basalt.Packaging.Tests.Rich;

/// <summary>Token soup for the parser: any mix of its words, names, comparisons, parentheses and spaces.</summary>
public static class RichSoup
{
    private static readonly string[] Pieces =
        ["(", "(", ")", ")", " ", " ", "and", "or", "if", "unless", "else", "with", "without", "a", "b", "perl(X)", ">=", "=", "<", "1.0-1", ",", "\t"];

    public static Arbitrary<string> Texts()
        => Gen.Elements(Pieces).ListOf().Select(p => "(" + string.Join(" ", p)).ToArbitrary();
}

public sealed class RichDependencyPropertyTests
{
    [Property(Arbitrary = [typeof(RichSoup)], MaxTest = 5000)]
    public bool Parse_AnyTokenSoup_ParsesAndRoundTripsOrThrowsFormatException(string text)
    {
        RichDependency parsed;
        try
        {
            parsed = RichDependency.Parse(text);
        }
        catch (FormatException ex)
        {
            // Every rejection names the text and an offset inside it (or at its end).
            int at = ex.Message.LastIndexOf(" at offset ", StringComparison.Ordinal);
            return ex.Message.StartsWith($"Rich dependency \"{text}\": ", StringComparison.Ordinal)
                   && at > 0
                   && int.Parse(ex.Message.AsSpan(at + 11), System.Globalization.CultureInfo.InvariantCulture) <= text.Length;
        }

        // A name or version with unbalanced parentheses ("= (" then ")") does not survive rpm's own canonical
        // print, which ours equals (RichDependencyDifferentialTests), so only its acceptance is checked.
        if (HasUnbalancedToken(parsed))
        {
            return true;
        }

        return RichDependency.Parse(parsed.ToString()) == parsed && parsed.ToString() == RichDependency.Parse(parsed.ToString()).ToString();
    }

    private static bool HasUnbalancedToken(RichDependency node) => node is RichSimple simple
        ? Depth(simple.Dependency.Name) != 0 || Depth(simple.Dependency.Version) != 0
        : node.Children.Any(HasUnbalancedToken);

    private static int Depth(string token) => token.Count(c => c == '(') - token.Count(c => c == ')');
}
