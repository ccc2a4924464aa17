namespace Basalt.Packaging.Rich;

/// <summary>Evaluation of a rich dependency against a set of packages (what rpm and libsolv decide at install time).</summary>
public abstract partial record RichDependency
{
    /// <summary>
    /// True when the expression holds, given which packages provide each simple dependency:
    /// and/or as usual; "A if C else E" is A when C holds, otherwise E (true without else);
    /// "A unless C else E" is A when C does not hold, otherwise E (true without else);
    /// "with"/"without" need one package that provides every left operand and (for without) not the right one.
    /// </summary>
    /// <typeparam name="TPackage">The caller's package type; compared with the default equality comparer.</typeparam>
    /// <param name="whatProvides">The packages (installed or chosen) that satisfy one simple dependency.</param>
    public bool IsSatisfied<TPackage>(Func<Dependency, IEnumerable<TPackage>> whatProvides)
    {
        ArgumentNullException.ThrowIfNull(whatProvides);
        return Holds(this, whatProvides);
    }

    private static bool Holds<TPackage>(RichDependency node, Func<Dependency, IEnumerable<TPackage>> whatProvides)
    {
        switch (node)
        {
            case RichSimple simple:
                return whatProvides(simple.Dependency).Any();
            case RichGroup group:
                return Holds(group.Operand, whatProvides);
            case RichAnd and:
                return and.Operands.All(o => Holds(o, whatProvides));
            case RichOr or:
                return or.Operands.Any(o => Holds(o, whatProvides));
            case RichIf richIf:
                return Holds(richIf.Condition, whatProvides)
                    ? Holds(richIf.Then, whatProvides)
                    : richIf.Else is null || Holds(richIf.Else, whatProvides);
            case RichUnless unless:
                return !Holds(unless.Condition, whatProvides)
                    ? Holds(unless.Then, whatProvides)
                    : unless.Else is null || Holds(unless.Else, whatProvides);
            default:
                return Providers(node, whatProvides).Count > 0;
        }
    }

    // The packages that satisfy a with/without operand by themselves; the parser allows only or, with, without,
    // parentheses and simple dependencies there, so those are the only nodes this meets.
    private static HashSet<TPackage> Providers<TPackage>(RichDependency node, Func<Dependency, IEnumerable<TPackage>> whatProvides)
    {
        switch (node)
        {
            case RichSimple simple:
                return [.. whatProvides(simple.Dependency)];
            case RichGroup group:
                return Providers(group.Operand, whatProvides);
            case RichOr or:
            {
                var union = new HashSet<TPackage>();
                foreach (var operand in or.Operands)
                {
                    union.UnionWith(Providers(operand, whatProvides));
                }

                return union;
            }

            case RichWith with:
            {
                var common = Providers(with.Operands[0], whatProvides);
                for (int i = 1; i < with.Operands.Count && common.Count > 0; i++)
                {
                    common.IntersectWith(Providers(with.Operands[i], whatProvides));
                }

                return common;
            }

            case RichWithout without:
            {
                var left = Providers(without.Left, whatProvides);
                left.ExceptWith(Providers(without.Right, whatProvides));
                return left;
            }

            default:
                throw new InvalidOperationException(
                    $"Rich dependency \"{node}\": '{node.Kind}' cannot be evaluated for a single package inside 'with'/'without'.");
        }
    }
}
