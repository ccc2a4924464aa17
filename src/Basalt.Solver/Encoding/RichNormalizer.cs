using Basalt.Packaging.Rich;

namespace Basalt.Solver.Encoding;

/// <summary>
/// Rich dependencies in normal form, as libsolv 0.7.23 expands them (cplxdeps.c, pool_normalize_complex_dep): a
/// conjunction of blocks of literals (CNF, each block a disjunction) or a disjunction of blocks (DNF, each block a
/// conjunction). Literals are package variables (p+1), negative for "not installed". Constants are folded (an operand
/// that no package provides is false), a block holding both x and not x is dropped while distributing, and nothing
/// else is simplified, so the clauses are libsolv's own: requires are the CNF blocks, conflicts the CNF of the
/// negation. "(a if b)" is "a or not b", "(a unless b)" is "a and not b", "(a if b else c)" is
/// "(a or not b) and (b or c)", "(a unless b else c)" is "(a and not b) or (b and c)".
/// </summary>
/// <param name="providers">The packages that provide a simple dependency or satisfy a with/without term.</param>
/// <param name="limit">The most literals a form may hold; beyond it <see cref="Normalize"/> gives up (null).</param>
internal sealed class RichNormalizer(Func<RichDependency, IReadOnlyCollection<int>> providers, int limit)
{
    private int _literals;

    /// <summary>
    /// The normal form of <paramref name="node"/> (<paramref name="dnf"/> picks DNF over CNF), negated first when
    /// <paramref name="negate"/> is set; null when expanding it would exceed the limit.
    /// </summary>
    public Form? Normalize(RichDependency node, bool dnf, bool negate)
    {
        _literals = 0;
        try
        {
            // The negation of a DNF is the CNF of the negation (and the other way round).
            var form = Of(node, negate ? !dnf : dnf);
            return negate ? Invert(form) : form;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private Form Of(RichDependency node, bool dnf)
    {
        switch (node)
        {
            case RichGroup group:
                return Of(group.Operand, dnf);
            case RichIf { Else: null } rif:
                return Or(Of(rif.Then, dnf), Invert(Of(rif.Condition, !dnf)), dnf);
            case RichIf rif:
            {
                var first = Or(Of(rif.Then, dnf), Invert(Of(rif.Condition, !dnf)), dnf);
                return first.IsFalse ? first : And(first, Or(Of(rif.Condition, dnf), Of(rif.Else, dnf), dnf), dnf);
            }

            case RichUnless { Else: null } unless:
                return And(Of(unless.Then, dnf), Invert(Of(unless.Condition, !dnf)), dnf);
            case RichUnless unless:
            {
                var first = And(Of(unless.Then, dnf), Invert(Of(unless.Condition, !dnf)), dnf);
                return first.IsTrue ? first : Or(first, And(Of(unless.Condition, dnf), Of(unless.Else, dnf), dnf), dnf);
            }

            case RichOr or:
            {
                var form = Of(or.Operands[0], dnf);
                for (int i = 1; i < or.Operands.Count && !form.IsTrue; i++)
                {
                    form = Or(form, Of(or.Operands[i], dnf), dnf);
                }

                return form;
            }

            case RichAnd and:
            {
                var form = Of(and.Operands[0], dnf);
                for (int i = 1; i < and.Operands.Count && !form.IsFalse; i++)
                {
                    form = And(form, Of(and.Operands[i], dnf), dnf);
                }

                return form;
            }

            default:
                return Simple(providers(node), dnf);
        }
    }

    private Form Simple(IReadOnlyCollection<int> packages, bool dnf)
    {
        if (packages.Count == 0)
        {
            return Form.False;
        }

        Count(packages.Count);
        return dnf
            ? new Form([.. packages.Select(p => new[] { p + 1 })])
            : new Form([[.. packages.Select(p => p + 1)]]);
    }

    private Form Or(Form a, Form b, bool dnf)
    {
        if (a.IsTrue || b.IsTrue)
        {
            return Form.True;
        }

        if (a.IsFalse)
        {
            return b;
        }

        if (b.IsFalse)
        {
            return a;
        }

        return dnf ? new Form([.. a.Blocks!, .. b.Blocks!]) : Distribute(a, b, dnf);
    }

    private Form And(Form a, Form b, bool dnf)
    {
        if (a.IsFalse || b.IsFalse)
        {
            return Form.False;
        }

        if (a.IsTrue)
        {
            return b;
        }

        if (b.IsTrue)
        {
            return a;
        }

        return dnf ? Distribute(a, b, dnf) : new Form([.. a.Blocks!, .. b.Blocks!]);
    }

    /// <summary>Every block of one merged with every block of the other; a block with x and not x is dropped.</summary>
    private Form Distribute(Form a, Form b, bool dnf)
    {
        var blocks = new List<int[]>();
        var merged = new SortedSet<int>();
        foreach (var left in a.Blocks!)
        {
            foreach (var right in b.Blocks!)
            {
                merged.Clear();
                merged.UnionWith(left);
                merged.UnionWith(right);
                if (merged.Any(literal => literal < 0 && merged.Contains(-literal)))
                {
                    continue;
                }

                Count(merged.Count);
                blocks.Add([.. merged]);
            }
        }

        // Nothing left: a CNF without blocks is true, a DNF without blocks is false.
        return blocks.Count != 0 ? new Form(blocks) : (dnf ? Form.False : Form.True);
    }

    private static Form Invert(Form form)
    {
        if (form.IsTrue)
        {
            return Form.False;
        }

        if (form.IsFalse)
        {
            return Form.True;
        }

        return new Form([.. form.Blocks!.Select(block => block.Select(literal => -literal).Order().ToArray())]);
    }

    private void Count(int literals)
    {
        _literals += literals;
        if (_literals > limit)
        {
            throw new OverflowException("The normal form of a rich dependency grew past the limit.");
        }
    }

    /// <summary>A normal form: a constant (no blocks) or its blocks.</summary>
    internal sealed record Form(List<int[]>? Blocks, bool Constant = false)
    {
        public static Form True { get; } = new(null, Constant: true);

        public static Form False { get; } = new(null, Constant: false);

        public bool IsTrue => Blocks is null && Constant;

        public bool IsFalse => Blocks is null && !Constant;
    }
}
