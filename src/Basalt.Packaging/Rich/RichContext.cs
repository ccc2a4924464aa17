namespace Basalt.Packaging.Rich;

/// <summary>
/// Which dependency tag a rich dependency belongs to, for rpm's if/unless placement rule. rpm reads the top level
/// of Requires, Recommends and Suggests as an "and" (every entry must hold) and the top level of Conflicts,
/// Supplements and Enhances as an "or" (any entry triggers); Provides and Obsoletes take no rich dependencies.
/// </summary>
public enum RichContext
{
    /// <summary>Requires, Recommends, Suggests: 'if' is allowed at the top level, 'unless' is not.</summary>
    AllOf,
    /// <summary>Conflicts, Supplements, Enhances: 'unless' is allowed at the top level, 'if' is not.</summary>
    AnyOf,
}
