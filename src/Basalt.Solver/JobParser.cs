using Basalt.Packaging;
using Basalt.Packaging.Model;

namespace Basalt.Solver;

/// <summary>
/// Turns package arguments (of <c>basalt resolve</c>, or an image definition's install list) into solver jobs the way
/// dnf reads <c>dnf install ARG</c>: a package name, a name with a version constraint (<c>"bash >= 5"</c>),
/// a full NEVRA, or any other capability (a virtual provide, a file path, a rich dependency).
/// </summary>
public static class JobParser
{
    public static SolverJob Parse(string argument, IReadOnlySet<string> packageNames, IReadOnlySet<string> nevras)
    {
        var text = argument.Trim();
        if (text.Length == 0)
        {
            throw new ArgumentException("An empty package argument was given.");
        }

        if (text.StartsWith('('))
        {
            return SolverJob.InstallProvides(new Dependency(text, DependencyFlags.None, ""));
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 3)
        {
            var dependency = new Dependency(parts[0], ParseOperator(parts[1], argument), parts[2]);
            return packageNames.Contains(parts[0]) ? SolverJob.InstallName(dependency) : SolverJob.InstallProvides(dependency);
        }

        if (parts.Length != 1)
        {
            throw new ArgumentException($"Package argument \"{argument}\" is not NAME, \"NAME OP EVR\", a NEVRA or a capability.");
        }

        if (packageNames.Contains(text))
        {
            // dnf adds obsoleting packages only to a bare name (hawkey's Subject "has just name"), never to
            // "NAME OP EVR", a NEVRA or a capability.
            return SolverJob.InstallNameOrObsoleting(text);
        }

        return nevras.Contains(text)
            ? SolverJob.InstallNevra(text)
            : SolverJob.InstallProvides(new Dependency(text, DependencyFlags.None, ""));
    }

    /// <summary>The names and NEVRAs present in the pool, so arguments are read as dnf would read them.</summary>
    public static (IReadOnlySet<string> Names, IReadOnlySet<string> Nevras) Index(IEnumerable<PackageCandidate> candidates)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var nevras = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            names.Add(candidate.Name);
            nevras.Add(candidate.Nevra.ToString());
        }

        return (names, nevras);
    }

    private static DependencyFlags ParseOperator(string op, string argument) => op switch
    {
        "=" or "==" => DependencyFlags.Equal,
        "<" => DependencyFlags.Less,
        "<=" or "=<" => DependencyFlags.Less | DependencyFlags.Equal,
        ">" => DependencyFlags.Greater,
        ">=" or "=>" => DependencyFlags.Greater | DependencyFlags.Equal,
        _ => throw new ArgumentException($"Package argument \"{argument}\" has unknown operator \"{op}\" (use =, <, <=, >, >=)."),
    };
}
