using Basalt.Packaging;
using Basalt.Solver.Sat;

namespace Basalt.Solver.Policy;

/// <summary>
/// What the chosen packages ask for weakly, as libsolv's recommendsmap and suggestsmap with solver_is_supplementing
/// and solver_is_enhancing: recommended candidates are kept over the others (prune_to_recommended), suggested ones
/// brought to the front (prefer_suggested). libsolv computes this whether or not weak dependencies are installed.
/// </summary>
internal sealed partial class ProviderPolicy
{
    private List<int>?[]? _recommendedBy;
    private List<int>?[]? _suggestedBy;
    private List<(int By, int[] Block)>?[]? _richRecommendedBy;
    private List<(int By, int[] Block)>?[]? _richSuggestedBy;

    /// <summary>A chosen package recommends <paramref name="p"/>, or a Supplements of <paramref name="p"/> holds.</summary>
    private bool IsRecommended(int p, SatSolver sat)
    {
        _recommendedBy ??= BuildReverse(static package => package.Recommends);
        _richRecommendedBy ??= BuildRichReverse(static package => package.Recommends);
        return AnyChosen(_recommendedBy[p], sat) || AnyBlockActive(_richRecommendedBy[p], sat)
            || AnyHolds(_pool.Packages[p].Supplements, sat);
    }

    /// <summary>For the minimization step: whether <paramref name="p"/> is recommended by the packages chosen now.</summary>
    public bool IsRecommendedNow(int p, SatSolver sat) => IsRecommended(p, sat);

    /// <summary>A chosen package suggests <paramref name="p"/>, or an Enhances of <paramref name="p"/> holds.</summary>
    private bool IsSuggested(int p, SatSolver sat)
    {
        _suggestedBy ??= BuildReverse(static package => package.Suggests);
        _richSuggestedBy ??= BuildRichReverse(static package => package.Suggests);
        return AnyChosen(_suggestedBy[p], sat) || AnyBlockActive(_richSuggestedBy[p], sat)
            || AnyHolds(_pool.Packages[p].Enhances, sat);
    }

    private static bool AnyChosen(List<int>? packages, SatSolver sat)
        => packages is not null && Chosen.Any(packages, sat);

    // libsolv's check_complex_dep: a package in a CNF block of a chosen package's rich weak dependency counts once every
    // package the block negates is chosen.
    private static bool AnyBlockActive(List<(int By, int[] Block)>? entries, SatSolver sat)
    {
        foreach (var (by, block) in entries ?? [])
        {
            if (sat.ValueOf(by + 1) <= 0)
            {
                continue;
            }

            bool active = true;
            foreach (int literal in block)
            {
                if (literal < 0 && sat.ValueOf(-literal) <= 0)
                {
                    active = false;
                    break;
                }
            }

            if (active)
            {
                return true;
            }
        }

        return false;
    }

    // For each package, the (package, CNF block) pairs of rich weak dependencies whose block names it positively.
    private List<(int By, int[] Block)>?[] BuildRichReverse(Func<Packaging.Model.PackageCandidate, IReadOnlyList<Dependency>> weak)
    {
        var reverse = new List<(int By, int[] Block)>?[_pool.Packages.Count];
        for (int q = 0; q < _pool.Packages.Count; q++)
        {
            if (!encoder.IsReachable(q))
            {
                continue;
            }

            foreach (var dependency in weak(_pool.Packages[q]))
            {
                if (_pool.Rich(dependency) is not { } rich || encoder.NormalForm(rich) is not { Blocks: { } blocks })
                {
                    continue;
                }

                foreach (var block in blocks)
                {
                    foreach (int literal in block)
                    {
                        if (literal > 0)
                        {
                            (reverse[literal - 1] ??= []).Add((q, block));
                        }
                    }
                }
            }
        }

        return reverse;
    }

    private bool AnyHolds(IReadOnlyList<Dependency> dependencies, SatSolver sat)
    {
        foreach (var dependency in dependencies)
        {
            if (Chosen.Holds(encoder, dependency, sat))
            {
                return true;
            }
        }

        return false;
    }

    // For each package, the packages (with rules: only those can be chosen) whose simple weak dependency it provides.
    private List<int>?[] BuildReverse(Func<Packaging.Model.PackageCandidate, IReadOnlyList<Dependency>> weak)
    {
        var reverse = new List<int>?[_pool.Packages.Count];
        for (int q = 0; q < _pool.Packages.Count; q++)
        {
            if (!encoder.IsReachable(q))
            {
                continue;
            }

            foreach (var dependency in weak(_pool.Packages[q]))
            {
                if (dependency.IsRich)
                {
                    continue;
                }

                foreach (int p in _pool.WhatProvides(dependency))
                {
                    (reverse[p] ??= []).Add(q);
                }
            }
        }

        return reverse;
    }
}
