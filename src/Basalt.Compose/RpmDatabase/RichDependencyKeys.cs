using System.Text;
using Basalt.Packaging.Rich;
using Basalt.Rpm.Format;

namespace Basalt.Compose.RpmDatabase;

/// <summary>
/// rpm (4.14+) also indexes the package names inside a rich dependency, under the same idx as the whole
/// expression, so `rpm -q --whatrequires pkgA` finds "(pkgA or pkgB)". A name in the condition of an if/unless
/// is indexed negated, as "!name"; with an else branch the condition also counts positively (it selects
/// between the two branches). Names are indexed once each, the positive ones first. Established against the
/// rows rpm 4.18 writes for the rpm-rich-deps fixture.
/// </summary>
internal static class RichDependencyKeys
{
    /// <summary>The dependency-name tags whose values may be rich expressions.</summary>
    public static bool MayBeRich(RpmTag tag) => tag is RpmTag.RequireName or RpmTag.ConflictName or RpmTag.RecommendName
        or RpmTag.SuggestName or RpmTag.SupplementName or RpmTag.EnhanceName;

    /// <summary>The names inside <paramref name="value"/>, or nothing when it is not a (well-formed) rich dependency.</summary>
    public static IEnumerable<byte[]> Names(ReadOnlyMemory<byte> value)
    {
        if (value.IsEmpty || value.Span[0] != (byte)'(' || !RichDependency.TryParse(Encoding.UTF8.GetString(value.Span), out var rich))
        {
            return [];
        }

        var positive = new SortedSet<string>(StringComparer.Ordinal);
        var negative = new SortedSet<string>(StringComparer.Ordinal);
        Collect(rich, negated: false, positive, negative);
        return positive.Concat(negative.Select(n => "!" + n)).Select(Encoding.UTF8.GetBytes);
    }

    private static void Collect(RichDependency node, bool negated, SortedSet<string> positive, SortedSet<string> negative)
    {
        switch (node)
        {
            case RichSimple simple:
                (negated ? negative : positive).Add(simple.Dependency.Name);
                break;
            case RichIf conditional:
                CollectConditional(conditional.Then, conditional.Condition, conditional.Else, negated, positive, negative);
                break;
            case RichUnless conditional:
                CollectConditional(conditional.Then, conditional.Condition, conditional.Else, negated, positive, negative);
                break;
            default:
                foreach (var child in node.Children)
                {
                    Collect(child, negated, positive, negative);
                }

                break;
        }
    }

    private static void CollectConditional(RichDependency then, RichDependency condition, RichDependency? otherwise, bool negated,
        SortedSet<string> positive, SortedSet<string> negative)
    {
        Collect(then, negated, positive, negative);
        Collect(condition, !negated, positive, negative);
        if (otherwise is not null)
        {
            Collect(condition, negated, positive, negative);
            Collect(otherwise, negated, positive, negative);
        }
    }
}
