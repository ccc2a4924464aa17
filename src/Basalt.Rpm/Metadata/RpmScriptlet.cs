namespace Basalt.Rpm.Metadata;

/// <summary>When a package scriptlet runs (the %pre, %post, … sections of a spec).</summary>
public enum RpmScriptletKind
{
    PreTrans,
    Pre,
    Post,
    PreUn,
    PostUn,
    PostTrans,
    PreUnTrans,
    PostUnTrans,
    Verify,
}

/// <summary>rpm's RPMSCRIPT_FLAG_* bits (rpmscript.h), stored in RPMTAG_*FLAGS of each scriptlet.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "rpm calls these scriptlet flags.")]
public enum RpmScriptletFlags : uint
{
    None = 0,

    /// <summary>-e: macros in the body are expanded at install time.</summary>
    Expand = 1u << 0,

    /// <summary>-q: the body is a query format expanded at install time.</summary>
    QueryFormat = 1u << 1,

    /// <summary>A failure of this scriptlet aborts the transaction element.</summary>
    Critical = 1u << 2,
}

/// <summary>One scriptlet: its interpreter with arguments (e.g. ["/bin/sh"] or ["&lt;lua&gt;"]) and its body ("" when the interpreter runs alone).</summary>
public sealed record RpmScriptlet(RpmScriptletKind Kind, IReadOnlyList<string> Interpreter, string Body, RpmScriptletFlags Flags)
{
    /// <summary>The interpreter program, "" when the header names none.</summary>
    public string Program => Interpreter.Count == 0 ? "" : Interpreter[0];
}
