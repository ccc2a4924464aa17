using Basalt.Packaging;

namespace Basalt.Rpm.Metadata;

/// <summary>What fires a trigger, from its condition's RPMSENSE_TRIGGER* bit.</summary>
public enum RpmTriggerKind
{
    /// <summary>%triggerprein.</summary>
    PreIn,

    /// <summary>%triggerin.</summary>
    In,

    /// <summary>%triggerun.</summary>
    Un,

    /// <summary>%triggerpostun.</summary>
    PostUn,
}

/// <summary>Which trigger family a trigger belongs to.</summary>
public enum RpmTriggerScope
{
    /// <summary>Package triggers: the conditions name packages (TRIGGERNAME…).</summary>
    Package,

    /// <summary>File triggers, run once per matching package (FILETRIGGERNAME…).</summary>
    File,

    /// <summary>Transaction file triggers, run once per transaction (TRANSFILETRIGGERNAME…).</summary>
    TransactionFile,
}

/// <summary>
/// One trigger script with the conditions that fire it (TRIGGERINDEX maps each condition to its script).
/// For file triggers the conditions' names are path prefixes and <see cref="Priority"/> orders them.
/// </summary>
public sealed record RpmTrigger(
    RpmTriggerScope Scope,
    RpmTriggerKind Kind,
    IReadOnlyList<Dependency> Conditions,
    string Interpreter,
    string Body,
    RpmScriptletFlags Flags,
    int Priority);
