namespace Basalt.Packaging;

/// <summary>
/// One entry of a package's dependency set (Requires, Provides, Conflicts, Obsoletes, Recommends, …) as stored in
/// the header: RPMTAG_*NAME, RPMTAG_*FLAGS and RPMTAG_*VERSION at the same index.
/// </summary>
/// <param name="Name">The capability name; a rich (boolean) dependency starts with '('.</param>
/// <param name="Flags">The flags word (sense bits and context bits).</param>
/// <param name="Version">The raw EVR text from the header; "" when unversioned.</param>
public sealed record Dependency(string Name, DependencyFlags Flags, string Version)
{
    /// <summary>An unversioned dependency on <paramref name="name"/>.</summary>
    public Dependency(string name)
        : this(name, DependencyFlags.None, "")
    {
    }

    /// <summary>True for a rich (boolean) dependency such as "(a or b)".</summary>
    public bool IsRich => Name.StartsWith('(');

    /// <summary>True when the dependency carries a version.</summary>
    public bool IsVersioned => !string.IsNullOrEmpty(Version);

    /// <summary>The parsed version, or null when unversioned.</summary>
    /// <exception cref="FormatException">The epoch does not fit a 32-bit integer (use <see cref="Capability"/> to match such EVRs).</exception>
    public Evr? Evr => IsVersioned ? Evr.Parse(Version) : null;

    /// <summary>The comparison bits of <see cref="Flags"/>.</summary>
    public DependencyFlags Sense => Flags & DependencyFlagsExtensions.SenseMask;

    /// <summary>Prints as rpm does (rpmdsNewDNEVR): "name", "name &gt;= evr", "name = evr", "name &lt; evr", ….</summary>
    public override string ToString()
    {
        string op = Flags.SenseOperator();
        string text = Name;
        if (op.Length != 0)
        {
            text = text.Length == 0 ? op : text + " " + op;
        }

        if (Version.Length != 0)
        {
            text = text.Length == 0 ? Version : text + " " + Version;
        }

        return text;
    }
}
