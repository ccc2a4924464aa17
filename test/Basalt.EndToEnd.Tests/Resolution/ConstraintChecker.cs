using Basalt.Packaging;
using Basalt.Packaging.Model;
using Basalt.Packaging.Rich;

namespace Basalt.EndToEnd.Tests.Resolution;

/// <summary>
/// An independent check of a package set, written from rpm's rules and not from the solver's code: every job is met,
/// every Requires (simple or rich) has a provider in the set, no Conflicts or Obsoletes hits another member, and no
/// name appears twice. Returns the first violation, or null.
/// </summary>
internal static class ConstraintChecker
{
    public static string? Violation(IReadOnlyList<PackageCandidate> universe, IReadOnlyCollection<PackageCandidate> set, IEnumerable<string> jobNames)
    {
        foreach (string job in jobNames)
        {
            bool byName = universe.Any(p => p.Name == job);
            if (!set.Any(p => byName ? p.Name == job : Provides(p, new Dependency(job))))
            {
                return $"job {job} not met";
            }
        }

        foreach (var group in set.GroupBy(p => p.Name))
        {
            if (group.Count() > 1)
            {
                return $"two versions of {group.Key}";
            }
        }

        foreach (var package in set)
        {
            foreach (var requires in package.Requires)
            {
                if (!Holds(requires, set))
                {
                    return $"{package.Nevra} requires {requires}: unmet";
                }
            }

            foreach (var conflicts in package.Conflicts)
            {
                bool hit = conflicts.IsRich
                    ? Holds(conflicts, set)
                    : set.Any(other => !ReferenceEquals(other, package) && Provides(other, conflicts));
                if (hit)
                {
                    return $"{package.Nevra} conflicts with {conflicts}";
                }
            }

            foreach (var obsoletes in package.Obsoletes)
            {
                if (set.Any(other => other.Name != package.Name && other.Name == obsoletes.Name
                        && Capability.Satisfies(Self(other), obsoletes)))
                {
                    return $"{package.Nevra} obsoletes {obsoletes}";
                }
            }
        }

        return null;
    }

    /// <summary>Whether a dependency (simple or rich) holds over a package set.</summary>
    public static bool Holds(Dependency dependency, IReadOnlyCollection<PackageCandidate> set)
        => dependency.IsRich ? Evaluate(RichDependency.Parse(dependency.Name), set) : set.Any(p => Provides(p, dependency));

    private static bool Evaluate(RichDependency node, IReadOnlyCollection<PackageCandidate> set) => node switch
    {
        RichSimple simple => set.Any(p => Provides(p, simple.Dependency)),
        RichGroup group => Evaluate(group.Operand, set),
        RichAnd and => and.Operands.All(o => Evaluate(o, set)),
        RichOr or => or.Operands.Any(o => Evaluate(o, set)),
        RichIf rif => Evaluate(rif.Condition, set) ? Evaluate(rif.Then, set) : rif.Else is null || Evaluate(rif.Else, set),
        // libsolv 0.7.23 reads "(a unless b)" without else as "a and not b" (docs/solver.md).
        RichUnless { Else: null } unless => Evaluate(unless.Then, set) && !Evaluate(unless.Condition, set),
        RichUnless unless => !Evaluate(unless.Condition, set) ? Evaluate(unless.Then, set) : Evaluate(unless.Else, set),
        _ => set.Any(p => ProvidedBy(p, node)),
    };

    // "with"/"without" are about one package: it must meet (or not meet) each operand by itself.
    private static bool ProvidedBy(PackageCandidate package, RichDependency node) => node switch
    {
        RichSimple simple => Provides(package, simple.Dependency),
        RichGroup group => ProvidedBy(package, group.Operand),
        RichOr or => or.Operands.Any(o => ProvidedBy(package, o)),
        RichWith with => with.Operands.All(o => ProvidedBy(package, o)),
        RichWithout without => ProvidedBy(package, without.Left) && !ProvidedBy(package, without.Right),
        _ => false,
    };

    public static bool Provides(PackageCandidate package, Dependency dependency)
        => Capability.Satisfies(Self(package), dependency)
           || package.Provides.Any(p => Capability.Satisfies(p, dependency))
           || (dependency.Name.StartsWith('/') && package.Files.Contains(dependency.Name));

    private static Dependency Self(PackageCandidate package)
        => new(package.Name, DependencyFlags.Equal, package.Evr.ToString());
}
