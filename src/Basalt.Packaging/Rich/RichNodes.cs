namespace Basalt.Packaging.Rich;

/// <summary>A simple dependency inside a rich one: "name" or "name op evr".</summary>
public sealed record RichSimple(Dependency Dependency) : RichDependency
{
    /// <inheritdoc />
    public override RichOperator Kind => RichOperator.Simple;

    /// <inheritdoc />
    public override IReadOnlyList<RichDependency> Children => [];

    /// <summary>Prints as rpm does: "name" or "name op evr".</summary>
    public override string ToString() => Dependency.ToString();
}

/// <summary>A single operand in parentheses, "(a)" or "((a or b))": rpm accepts and keeps these.</summary>
public sealed record RichGroup(RichDependency Operand) : RichDependency
{
    /// <inheritdoc />
    public override RichOperator Kind => RichOperator.Group;

    /// <inheritdoc />
    public override IReadOnlyList<RichDependency> Children => [Operand];

    /// <inheritdoc />
    public override string ToString() => "(" + Operand + ")";
}

/// <summary>"(a without b)": a package that satisfies <see cref="Left"/> but not <see cref="Right"/>.</summary>
public sealed record RichWithout(RichDependency Left, RichDependency Right) : RichDependency
{
    /// <inheritdoc />
    public override RichOperator Kind => RichOperator.Without;

    /// <inheritdoc />
    public override IReadOnlyList<RichDependency> Children => [Left, Right];

    /// <inheritdoc />
    public override string ToString() => "(" + Left + " without " + Right + ")";
}

/// <summary>"(then if condition [else otherwise])": <see cref="Then"/> is needed when <see cref="Condition"/> holds.</summary>
public sealed record RichIf(RichDependency Then, RichDependency Condition, RichDependency? Else) : RichDependency
{
    /// <inheritdoc />
    public override RichOperator Kind => RichOperator.If;

    /// <inheritdoc />
    public override IReadOnlyList<RichDependency> Children => Else is null ? [Then, Condition] : [Then, Condition, Else];

    /// <inheritdoc />
    public override string ToString()
        => "(" + Then + " if " + Condition + (Else is null ? "" : " else " + Else) + ")";
}

/// <summary>"(then unless condition [else otherwise])": <see cref="Then"/> is needed when <see cref="Condition"/> does not hold.</summary>
public sealed record RichUnless(RichDependency Then, RichDependency Condition, RichDependency? Else) : RichDependency
{
    /// <inheritdoc />
    public override RichOperator Kind => RichOperator.Unless;

    /// <inheritdoc />
    public override IReadOnlyList<RichDependency> Children => Else is null ? [Then, Condition] : [Then, Condition, Else];

    /// <inheritdoc />
    public override string ToString()
        => "(" + Then + " unless " + Condition + (Else is null ? "" : " else " + Else) + ")";
}
