using Basalt.Packaging;
using Basalt.Packaging.Model;

namespace Basalt.Solver.Encoding;

/// <summary>
/// The prune step: drops candidates the options rule out (architecture, excludes, version pins) and those masked by a
/// better-priority repository, then sorts the rest with explicit comparers so that numbering is deterministic.
/// </summary>
internal static class CandidateFilter
{
    public static List<PackageCandidate> Available(IEnumerable<PackageCandidate> available, SolverOptions options)
    {
        var architectures = options.EffectiveArchitectures;
        var kept = new List<PackageCandidate>();
        foreach (var package in available)
        {
            if (!architectures.Contains(package.Nevra.Arch, StringComparer.Ordinal)
                || options.Excludes.Any(glob => Glob.IsMatch(package.Name, glob)))
            {
                continue;
            }

            bool pinnedOut = false;
            foreach (var pin in options.VersionPins)
            {
                if (pin.Name == package.Name
                    && !Capability.Satisfies(new Dependency(package.Name, DependencyFlags.Equal, package.Evr.ToString()), pin))
                {
                    pinnedOut = true;
                }
            }

            if (!pinnedOut)
            {
                kept.Add(package);
            }
        }

        // dnf's priority: for each name, only the repositories with the best (lowest) priority number offer it.
        var best = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var package in kept)
        {
            best[package.Name] = best.TryGetValue(package.Name, out int p) ? Math.Min(p, package.RepositoryPriority) : package.RepositoryPriority;
        }

        kept.RemoveAll(package => package.RepositoryPriority != best[package.Name]);
        return Sort(kept);
    }

    public static List<PackageCandidate> Installed(IEnumerable<PackageCandidate> installed)
    {
        return Sort(installed.ToList());
    }

    // Sorting compares EVRs many times; parse each once.
    private static List<PackageCandidate> Sort(List<PackageCandidate> packages)
    {
        var keys = packages.Select(p => (Package: p, Evr: p.Evr)).ToArray();
        Array.Sort(keys, (x, y) => CandidateOrder.Compare(x.Package, x.Evr, y.Package, y.Evr));
        return [.. keys.Select(k => k.Package)];
    }
}

/// <summary>A total order on candidates: name, then newest EVR first, then architecture, priority and repository.</summary>
internal sealed class CandidateOrder : IComparer<PackageCandidate>
{
    public static CandidateOrder Instance { get; } = new();

    public int Compare(PackageCandidate? x, PackageCandidate? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Compare(x, x.Evr, y, y.Evr);
    }

    public static int Compare(PackageCandidate x, Evr xEvr, PackageCandidate y, Evr yEvr)
    {
        int rc = string.CompareOrdinal(x.Name, y.Name);
        if (rc == 0)
        {
            rc = -Evr.Compare(xEvr, yEvr);
        }

        if (rc == 0)
        {
            rc = string.CompareOrdinal(x.Nevra.Arch, y.Nevra.Arch);
        }

        if (rc == 0)
        {
            rc = x.RepositoryPriority.CompareTo(y.RepositoryPriority);
        }

        if (rc == 0)
        {
            rc = string.CompareOrdinal(x.RepositoryId, y.RepositoryId);
        }

        return rc != 0 ? rc : string.CompareOrdinal(x.Nevra.ToString(), y.Nevra.ToString());
    }
}

/// <summary>Shell-style name globs as dnf's excludepkgs uses them: '*' any run, '?' one character.</summary>
internal static class Glob
{
    public static bool IsMatch(string text, string pattern)
    {
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
