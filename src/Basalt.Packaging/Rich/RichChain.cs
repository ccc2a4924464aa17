namespace Basalt.Packaging.Rich;

/// <summary>A chain of two or more operands joined by one operator ("and", "or" or "with"), as rpm allows.</summary>
public abstract record RichChain : RichDependency
{
    private readonly RichDependency[] _operands;

    private protected RichChain(IEnumerable<RichDependency> operands)
    {
        ArgumentNullException.ThrowIfNull(operands);
        _operands = [.. operands];
        if (_operands.Length < 2)
        {
            throw new ArgumentException("A rich dependency chain needs at least two operands.", nameof(operands));
        }
    }

    /// <summary>The operands, as written.</summary>
    public IReadOnlyList<RichDependency> Operands => _operands;

    /// <inheritdoc />
    public override IReadOnlyList<RichDependency> Children => _operands;

    /// <summary>The operator word ("and", "or", "with").</summary>
    protected abstract string Keyword { get; }

    /// <summary>Structural equality: same node kind and equal operands in order.</summary>
    public virtual bool Equals(RichChain? other)
        => other is not null && EqualityContract == other.EqualityContract && _operands.AsSpan().SequenceEqual(other._operands);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(EqualityContract);
        foreach (var operand in _operands)
        {
            hash.Add(operand);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "(" + string.Join(" " + Keyword + " ", (IEnumerable<RichDependency>)_operands) + ")";
}

/// <summary>"(a and b …)": every operand.</summary>
public sealed record RichAnd : RichChain
{
    /// <summary>Creates the chain.</summary>
    public RichAnd(IEnumerable<RichDependency> operands)
        : base(operands)
    {
    }

    /// <inheritdoc />
    public override RichOperator Kind => RichOperator.And;

    /// <inheritdoc />
    protected override string Keyword => "and";

    /// <inheritdoc />
    public override string ToString() => base.ToString();
}

/// <summary>"(a or b …)": at least one operand.</summary>
public sealed record RichOr : RichChain
{
    /// <summary>Creates the chain.</summary>
    public RichOr(IEnumerable<RichDependency> operands)
        : base(operands)
    {
    }

    /// <inheritdoc />
    public override RichOperator Kind => RichOperator.Or;

    /// <inheritdoc />
    protected override string Keyword => "or";

    /// <inheritdoc />
    public override string ToString() => base.ToString();
}

/// <summary>"(a with b …)": one package satisfies every operand.</summary>
public sealed record RichWith : RichChain
{
    /// <summary>Creates the chain.</summary>
    public RichWith(IEnumerable<RichDependency> operands)
        : base(operands)
    {
    }

    /// <inheritdoc />
    public override RichOperator Kind => RichOperator.With;

    /// <inheritdoc />
    protected override string Keyword => "with";

    /// <inheritdoc />
    public override string ToString() => base.ToString();
}
