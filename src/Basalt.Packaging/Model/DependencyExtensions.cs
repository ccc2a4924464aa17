namespace Basalt.Packaging.Model;

/// <summary>Dependency-kind helpers the solver and installers share.</summary>
public static class DependencyExtensions
{
    /// <summary>
    /// True for a Requires that must be satisfied before the package's scriptlets run: Requires(pre),
    /// legacy PreReq, Requires(pretrans) (rpm orders these edges as strong; lib/order.c).
    /// </summary>
    public static bool IsPrerequisite(this Dependency dependency)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        return (dependency.Flags & (DependencyFlags.ScriptPre | DependencyFlags.Prereq | DependencyFlags.Pretrans)) != 0;
    }
}
