using Basalt.Packaging;
using Basalt.Packaging.Model;
using Basalt.Packaging.Rich;

namespace Basalt.Solver.Tests.Generated;

/// <summary>
/// An independent check of a package set, written from rpm's rules and not from the solver's code: every job is met,
/// every Requires (simple or rich) has a provider in the set, no Conflicts or Obsoletes hits another member, and no
/// name appears twice. Returns the first violation, or null.
/// </summary>
internal static class SolutionChecker
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
                    ? RichConflictHits(package, conflicts, universe, set)
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

    // Rich conflicts as libsolv 0.7.23 applies them. It expands the conflict into a disjunction of conjunctions
    // (implicants) and forbids each one, except the implicant "this package alone": a package may conflict with itself.
    // testsolv installs p3 conflicting with "(p4 >= 1.2 | p3 >= 1.0 | p3)" when no p4 is installed, but not p3
    // conflicting with "(p3 & x)" together with x. So the conflict hits when an implicant other than that one holds.
    private static bool RichConflictHits(PackageCandidate package, Dependency conflicts, IReadOnlyList<PackageCandidate> universe,
        IReadOnlyCollection<PackageCandidate> set)
    {
        foreach (var (positives, negatives) in Implicants(RichDependency.Parse(conflicts.Name), true, universe, set))
        {
            if (negatives != 0 || positives.Count != 1 || !positives.Contains(package))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The implicants of the expression (or, with <paramref name="positive"/> false, of its negation) that hold over
    /// the set, each as its installed packages and its count of "not installed" literals.
    /// </summary>
    private static List<(HashSet<PackageCandidate> Positives, int Negatives)> Implicants(RichDependency node, bool positive,
        IReadOnlyList<PackageCandidate> universe, IReadOnlyCollection<PackageCandidate> set)
    {
        List<(HashSet<PackageCandidate>, int)> Of(RichDependency n, bool p) => Implicants(n, p, universe, set);
        switch (node)
        {
            case RichGroup group:
                return Of(group.Operand, positive);
            case RichAnd and:
                return positive ? Cross([.. and.Operands.Select(o => Of(o, true))]) : [.. and.Operands.SelectMany(o => Of(o, false))];
            case RichOr or:
                return positive ? [.. or.Operands.SelectMany(o => Of(o, true))] : Cross([.. or.Operands.Select(o => Of(o, false))]);
            case RichIf { Else: null } rif:
                return positive
                    ? [.. Of(rif.Then, true), .. Of(rif.Condition, false)]
                    : Cross([Of(rif.Then, false), Of(rif.Condition, true)]);
            case RichIf rif:
                return positive
                    ? Cross([[.. Of(rif.Then, true), .. Of(rif.Condition, false)], [.. Of(rif.Condition, true), .. Of(rif.Else!, true)]])
                    : [.. Cross([Of(rif.Then, false), Of(rif.Condition, true)]), .. Cross([Of(rif.Condition, false), Of(rif.Else!, false)])];
            case RichUnless { Else: null } unless:
                return positive
                    ? Cross([Of(unless.Then, true), Of(unless.Condition, false)])
                    : [.. Of(unless.Then, false), .. Of(unless.Condition, true)];
            case RichUnless unless:
                return positive
                    ? [.. Cross([Of(unless.Then, true), Of(unless.Condition, false)]), .. Cross([Of(unless.Condition, true), Of(unless.Else!, true)])]
                    : Cross([[.. Of(unless.Then, false), .. Of(unless.Condition, true)], [.. Of(unless.Condition, false), .. Of(unless.Else!, false)]]);
            default:
                var providers = universe.Where(p => node is RichSimple simple ? Provides(p, simple.Dependency) : ProvidedBy(p, node)).ToList();
                var installed = providers.Where(set.Contains).ToList();
                if (positive)
                {
                    return [.. installed.Select(p => (new HashSet<PackageCandidate> { p }, 0))];
                }

                return installed.Count == 0 ? [([], providers.Count)] : [];
        }
    }

    private static List<(HashSet<PackageCandidate> Positives, int Negatives)> Cross(List<List<(HashSet<PackageCandidate> Positives, int Negatives)>> factors)
    {
        List<(HashSet<PackageCandidate> Positives, int Negatives)> result = [([], 0)];
        foreach (var factor in factors)
        {
            result = [.. result.SelectMany(a => factor.Select(b => (new HashSet<PackageCandidate>(a.Positives.Concat(b.Positives)), a.Negatives + b.Negatives)))];
        }

        return result;
    }
}
