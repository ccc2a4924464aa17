using Basalt.Packaging.Rich;

namespace Basalt.Solver.Encoding;

/// <summary>
/// Rich dependencies as clauses. <see cref="Positive"/> gives clauses that hold when the dependency is satisfied,
/// <see cref="Negative"/> clauses that hold when it is not; "or" over operands that need several clauses gets a
/// helper variable per operand that implies it (the way libsolv's cplxdeps expands them).
/// "(a if b)" means "a or not b". "(a unless b)" without "else" means "a and not b": that is what libsolv 0.7.23
/// does in requires and in conflicts alike (checked with testsolv; see docs/solver.md), and Basalt answers as libsolv.
/// With "else", "(a if b else c)" and "(a unless b else c)" pick the branch by whether b holds. The order of the
/// operands plays no part in the choice: libsolv ranks the providers of every operand of a clause together
/// (docs/solver.md, "Policy").
/// </summary>
internal sealed partial class Encoder
{
    private List<int[]> Positive(RichDependency node, Rule rule) => node switch
    {
        RichSimple simple => [[.. Pool.WhatProvides(simple.Dependency).Select(q => q + 1)]],
        RichGroup group => Positive(group.Operand, rule),
        RichAnd and => [.. and.Operands.SelectMany(o => Positive(o, rule))],
        RichOr or => Or([.. or.Operands.Select(o => Positive(o, rule))], rule),
        RichIf rif => rif.Else is null
            ? Or([Negative(rif.Condition, rule), Positive(rif.Then, rule)], rule)
            : [.. Or([Negative(rif.Condition, rule), Positive(rif.Then, rule)], rule),
               .. Or([Positive(rif.Condition, rule), Positive(rif.Else, rule)], rule)],
        RichUnless unless => unless.Else is null
            ? [.. Positive(unless.Then, rule), .. Negative(unless.Condition, rule)]
            : [.. Or([Positive(unless.Then, rule), Positive(unless.Condition, rule)], rule),
               .. Or([Negative(unless.Condition, rule), Positive(unless.Else, rule)], rule)],
        _ => [[.. PackageSet(node).Select(q => q + 1)]],
    };

    private List<int[]> Negative(RichDependency node, Rule rule) => node switch
    {
        RichSimple simple => [.. Pool.WhatProvides(simple.Dependency).Select(q => new[] { -(q + 1) })],
        RichGroup group => Negative(group.Operand, rule),
        RichAnd and => Or([.. and.Operands.Select(o => Negative(o, rule))], rule),
        RichOr or => [.. or.Operands.SelectMany(o => Negative(o, rule))],
        RichIf rif => rif.Else is null
            ? [.. Positive(rif.Condition, rule), .. Negative(rif.Then, rule)]
            : Or([[.. Positive(rif.Condition, rule), .. Negative(rif.Then, rule)],
                  [.. Negative(rif.Condition, rule), .. Negative(rif.Else, rule)]], rule),
        RichUnless unless => unless.Else is null
            ? Or([Negative(unless.Then, rule), Positive(unless.Condition, rule)], rule)
            : Or([[.. Negative(unless.Condition, rule), .. Negative(unless.Then, rule)],
                  [.. Positive(unless.Condition, rule), .. Negative(unless.Else, rule)]], rule),
        _ => [.. PackageSet(node).Select(q => new[] { -(q + 1) })],
    };

    /// <summary>
    /// The disjunction of operands given as clause sets. An operand of one clause contributes its literals directly;
    /// the first larger one is distributed over the rest; any further larger one gets a helper variable h with
    /// "h implies each of its clauses". An operand of no clauses is true.
    /// </summary>
    private List<int[]> Or(List<List<int[]>> operands, Rule rule)
    {
        var literals = new List<int>();
        List<int[]>? distributed = null;
        foreach (var operand in operands)
        {
            if (operand.Count == 0)
            {
                return [];
            }

            if (operand.Count == 1)
            {
                literals.AddRange(operand[0]);
            }
            else if (distributed is null)
            {
                // (a1 and a2) or rest == (a1 or rest) and (a2 or rest): no helper for the first large operand.
                distributed = operand;
            }
            else
            {
                int helper = NewHelper();
                foreach (var clause in operand)
                {
                    int id = AddClause([-helper, .. clause], rule with { IsHelper = true });
                    _triggered[helper].Add(id);
                }

                literals.Add(helper);
            }
        }

        if (distributed is null)
        {
            return [[.. literals.Distinct()]];
        }

        return [.. distributed.Select(clause => clause.Concat(literals).Distinct().ToArray())];
    }

    // Rich dependencies whose normal form would exceed this many literals fall back to the helper encoding below.
    private const int NormalFormLimit = 20_000;

    private RichNormalizer? _normalizer;

    /// <summary>
    /// Adds package <paramref name="p"/>'s rich requires (or, with <paramref name="negate"/>, rich conflicts) as
    /// libsolv does: one clause "not p, or the block" per block of the CNF of the dependency (of its negation for a
    /// conflict), skipping blocks that p itself satisfies, and "not p" alone when the form is false. False when the
    /// normal form is too large; the caller then uses the helper encoding.
    /// </summary>
    private bool AddNormalized(int p, RichDependency rich, Rule rule, bool negate)
    {
        _normalizer ??= new RichNormalizer(PackageSet, NormalFormLimit);
        var form = _normalizer.Normalize(rich, dnf: false, negate: negate);
        if (form is null)
        {
            return false;
        }

        int self = p + 1;
        if (form.IsFalse)
        {
            _triggered[self].Add(AddClause([-self], rule));
            return true;
        }

        foreach (var block in form.Blocks ?? [])
        {
            // A block that p satisfies by being installed always holds; a conflict of p with itself alone is ignored,
            // as rpm and libsolv do.
            if (block.Contains(self) || (negate && block.Length == 1 && block[0] == -self))
            {
                continue;
            }

            _literals.Clear();
            _literals.Add(-self);
            foreach (int literal in block)
            {
                if (literal != -self)
                {
                    _literals.Add(literal);
                }
            }

            _triggered[self].Add(AddClause(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_literals), rule));
        }

        return true;
    }

    /// <summary>
    /// The CNF of a rich dependency over package variables, as libsolv expands it (null when too large), for the
    /// policy's use of weak dependencies.
    /// </summary>
    public RichNormalizer.Form? NormalForm(RichDependency rich)
    {
        _normalizer ??= new RichNormalizer(PackageSet, NormalFormLimit);
        return _normalizer.Normalize(rich, dnf: false, negate: false);
    }

    /// <summary>True when helper variable <paramref name="helper"/> implies only that packages are left out.</summary>
    public bool InstallsNothing(int helper)
    {
        foreach (int clause in _triggered[helper])
        {
            foreach (int literal in Sat.ClauseLiteralsView(clause))
            {
                if (literal > 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The packages that satisfy a "with"/"without" term on their own (one package meets every operand), or the
    /// union for "or" inside them.
    /// </summary>
    public SortedSet<int> PackageSet(RichDependency node)
    {
        switch (node)
        {
            case RichSimple simple:
                return [.. Pool.WhatProvides(simple.Dependency)];
            case RichGroup group:
                return PackageSet(group.Operand);
            case RichWith with:
                var set = PackageSet(with.Operands[0]);
                foreach (var operand in with.Operands.Skip(1))
                {
                    set.IntersectWith(PackageSet(operand));
                }

                return set;
            case RichWithout without:
                var left = PackageSet(without.Left);
                left.ExceptWith(PackageSet(without.Right));
                return left;
            default:
                var union = new SortedSet<int>();
                foreach (var child in node.Children)
                {
                    union.UnionWith(PackageSet(child));
                }

                return union;
        }
    }
}
