using Basalt.Packaging.Model;
using Basalt.Solver.Tests.Generated;

namespace Basalt.EndToEnd.Tests.Resolution;

/// <summary>
/// Decides whether the policy leaves one answer: every requirement reachable from the jobs (over every version of
/// every name reached) is simple and all its providers share one name, and nothing reached conflicts, obsoletes or
/// (with weak dependencies on) recommends. Then only the choice of versions remains, which "newest that works" fixes.
/// </summary>
internal static class Closure
{
    public static bool HasNoAlternatives(IReadOnlyList<PackageCandidate> universe, IEnumerable<string> jobNames, bool weakDeps)
    {
        var byName = universe.ToLookup(p => p.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (string job in jobNames)
        {
            if (seen.Add(job))
            {
                queue.Enqueue(job);
            }
        }

        while (queue.TryDequeue(out var name))
        {
            foreach (var package in byName[name])
            {
                if (package.Conflicts.Count != 0 || package.Obsoletes.Count != 0 || (weakDeps && package.Recommends.Count != 0))
                {
                    return false;
                }

                foreach (var requires in package.Requires)
                {
                    if (requires.IsRich)
                    {
                        return false;
                    }

                    var names = universe.Where(p => SolutionChecker.Provides(p, requires)).Select(p => p.Name).Distinct().ToList();
                    if (names.Count > 1)
                    {
                        return false;
                    }

                    foreach (string provider in names.Where(seen.Add))
                    {
                        queue.Enqueue(provider);
                    }
                }
            }
        }

        // A package outside the closure that obsoletes a name inside it could still be chosen instead.
        return !universe.Any(p => p.Obsoletes.Any(o => seen.Contains(o.Name)));
    }
}
