using System.Diagnostics.CodeAnalysis;

namespace Basalt.Packaging.Rich;

/// <summary>
/// A node of a rich (boolean) dependency, rpm 4.13+ syntax such as <c>(a and (b or c &gt;= 1.2))</c>.
/// Every node except <see cref="RichSimple"/> is a parenthesised group; <see cref="ToString"/> re-prints the
/// canonical text rpm itself writes (single spaces, one pair of parentheses per group, "=" for "==", …).
/// </summary>
public abstract partial record RichDependency
{
    private protected RichDependency()
    {
    }

    /// <summary>The deepest nesting of parentheses <see cref="Parse"/> accepts (hostile input must not overflow the stack).</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses a rich dependency; it must start with '(' (as rpm stores it in RPMTAG_REQUIRENAME etc.).</summary>
    /// <exception cref="FormatException">The text is malformed; the message gives the 0-based offset and what was expected.</exception>
    public static RichDependency Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RichDependencyParser(text).ParseAll();
    }

    /// <summary>
    /// Parses a rich dependency of a given tag and also applies rpm's rule for where 'if' and 'unless' may stand
    /// (rpmbuild rejects, for example, "(a unless b)" in Requires and "(a if b)" in Conflicts).
    /// </summary>
    /// <exception cref="FormatException">The text is malformed or misplaces if/unless; the message gives the offset.</exception>
    public static RichDependency Parse(string text, RichContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RichDependencyParser(text).ParseAll(context);
    }

    /// <summary>Parses a rich dependency; false when it is malformed.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RichDependency? result)
    {
        result = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            result = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Every simple dependency in this tree, left to right.</summary>
    public IEnumerable<Dependency> SimpleDependencies()
    {
        var stack = new Stack<RichDependency>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is RichSimple simple)
            {
                yield return simple.Dependency;
                continue;
            }

            var children = node.Children;
            for (int i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>The operator of this node.</summary>
    public abstract RichOperator Kind { get; }

    /// <summary>The direct operands, left to right as written (for if/unless: then, condition, else).</summary>
    public abstract IReadOnlyList<RichDependency> Children { get; }
}

/// <summary>The operator of a <see cref="RichDependency"/> node.</summary>
public enum RichOperator
{
    /// <summary>A simple dependency ("name", "name &gt;= evr"): a leaf.</summary>
    Simple,
    /// <summary>A single dependency in parentheses: "(a)".</summary>
    Group,
    /// <summary>"and": all operands.</summary>
    And,
    /// <summary>"or": at least one operand.</summary>
    Or,
    /// <summary>"if" with optional "else".</summary>
    If,
    /// <summary>"unless" with optional "else".</summary>
    Unless,
    /// <summary>"with": one package satisfies every operand.</summary>
    With,
    /// <summary>"without": one package satisfies the left operand but not the right.</summary>
    Without,
}
