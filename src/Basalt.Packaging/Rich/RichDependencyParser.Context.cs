namespace Basalt.Packaging.Rich;

/// <summary>
/// rpm's placement rule for if/unless (rpmds.c, "Illegal context for 'if'/'unless'"), as observed from rpm 4.18:
/// an operand of "and" is in an and-context, an operand of "or" in an or-context; "if" may not stand in an
/// or-context and "unless" not in an and-context. The then/else operands of "if" are in an and-context, those of
/// "unless" in an or-context; a condition is unconstrained; parentheses inherit their context.
/// </summary>
internal sealed partial class RichDependencyParser
{
    private enum Placement
    {
        And,
        Or,
        Free,
    }

    private readonly Dictionary<RichDependency, int> _operatorOffsets = new(ReferenceEqualityComparer.Instance);

    public RichDependency ParseAll(RichContext context)
    {
        var result = ParseAll();
        CheckPlacement(result, context == RichContext.AllOf ? Placement.And : Placement.Or);
        return result;
    }

    private void CheckPlacement(RichDependency node, Placement placement)
    {
        switch (node)
        {
            case RichIf richIf:
                if (placement == Placement.Or)
                {
                    throw Error("'if' is not allowed in an 'or' context (rpm: use 'and' instead)", _operatorOffsets[node]);
                }

                CheckPlacement(richIf.Then, Placement.And);
                CheckPlacement(richIf.Condition, Placement.Free);
                if (richIf.Else is { } elseIf)
                {
                    CheckPlacement(elseIf, Placement.And);
                }

                break;
            case RichUnless unless:
                if (placement == Placement.And)
                {
                    throw Error("'unless' is not allowed in an 'and' context (rpm: use 'or' instead)", _operatorOffsets[node]);
                }

                CheckPlacement(unless.Then, Placement.Or);
                CheckPlacement(unless.Condition, Placement.Free);
                if (unless.Else is { } elseUnless)
                {
                    CheckPlacement(elseUnless, Placement.Or);
                }

                break;
            default:
                var inner = node.Kind switch
                {
                    RichOperator.And => Placement.And,
                    RichOperator.Or => Placement.Or,
                    _ => placement,
                };
                foreach (var child in node.Children)
                {
                    CheckPlacement(child, inner);
                }

                break;
        }
    }
}
