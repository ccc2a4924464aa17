using Basalt.Packaging;
using Basalt.Packaging.Rich;
using Basalt.Solver.Encoding;
using Basalt.Solver.Sat;

namespace Basalt.Solver.Policy;

/// <summary>
/// Recommends and Supplements, as dnf's install_weak_deps: once every hard requirement is met, try to install a
/// provider of each unmet Recommends of a chosen package, then every package whose Supplements names something
/// chosen. They are decisions, never clauses, so a weak dependency that cannot be met is simply left out.
/// </summary>
internal sealed class WeakDependencies(Encoder encoder, ProviderPolicy policy)
{
    private readonly int[] _supplementing = [.. Enumerable.Range(0, encoder.Pool.Packages.Count)
        .Where(p => encoder.IsReachable(p) && encoder.Pool.Packages[p].Supplements.Count != 0)];

    private readonly List<int> _candidates = [];

    public int Decide(SatSolver solver)
    {
        var pool = encoder.Pool;
        for (int p = 0; p < pool.Packages.Count; p++)
        {
            if (solver.ValueOf(p + 1) <= 0)
            {
                continue;
            }

            foreach (var recommends in pool.Packages[p].Recommends)
            {
                _candidates.Clear();
                if (Wanted(recommends, solver))
                {
                    int choice = Pick(recommends.Name, solver);
                    if (choice != 0)
                    {
                        return choice;
                    }
                }
            }
        }

        foreach (int s in _supplementing)
        {
            if (solver.ValueOf(s + 1) != 0 || NameChosen(s, solver))
            {
                continue;
            }

            foreach (var supplements in pool.Packages[s].Supplements)
            {
                if (Holds(supplements, solver))
                {
                    return s + 1;
                }
            }
        }

        return 0;
    }

    private int Pick(string wanted, SatSolver solver)
    {
        if (_candidates.Count == 0)
        {
            return 0;
        }

        return policy.Choose(_candidates, wanted.StartsWith('(') ? "" : wanted, solver) + 1;
    }

    private bool NameChosen(int p, SatSolver solver)
    {
        foreach (int q in encoder.Pool.WithName(encoder.Pool.Packages[p].Name))
        {
            if (solver.ValueOf(q + 1) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the dependency is unmet and <see cref="_candidates"/> now lists undecided packages that would meet it.</summary>
    private bool Wanted(Dependency dependency, SatSolver solver)
    {
        if (encoder.Pool.Rich(dependency) is not { } rich)
        {
            return CollectIfUnmet(encoder.Pool.WhatProvides(dependency), solver);
        }

        return WantedRich(rich, solver);
    }

    private bool WantedRich(RichDependency node, SatSolver solver)
    {
        switch (node)
        {
            case RichSimple simple:
                return CollectIfUnmet(encoder.Pool.WhatProvides(simple.Dependency), solver);
            case RichGroup group:
                return WantedRich(group.Operand, solver);
            case RichAnd and:
                return and.Operands.Any(o => WantedRich(o, solver));
            case RichOr or:
                if (or.Operands.Any(o => Evaluate(o, solver)))
                {
                    return false;
                }

                return or.Operands.Any(o => WantedRich(o, solver));
            case RichIf rif:
                return Evaluate(rif.Condition, solver) ? WantedRich(rif.Then, solver)
                    : rif.Else is not null && WantedRich(rif.Else, solver);
            case RichUnless { Else: null } unless:
                return !Evaluate(unless.Condition, solver) && WantedRich(unless.Then, solver);
            case RichUnless unless:
                return !Evaluate(unless.Condition, solver) ? WantedRich(unless.Then, solver) : WantedRich(unless.Else, solver);
            default:
                return CollectIfUnmet([.. encoder.PackageSet(node)], solver);
        }
    }

    private bool CollectIfUnmet(IReadOnlyList<int> providers, SatSolver solver)
    {
        foreach (int q in providers)
        {
            if (solver.ValueOf(q + 1) > 0)
            {
                return false;
            }
        }

        foreach (int q in providers)
        {
            if (solver.ValueOf(q + 1) == 0)
            {
                _candidates.Add(q);
            }
        }

        return _candidates.Count != 0;
    }

    private bool Holds(Dependency dependency, SatSolver solver)
        => encoder.Pool.Rich(dependency) is { } rich
            ? Evaluate(rich, solver)
            : AnyChosen(encoder.Pool.WhatProvides(dependency), solver);

    /// <summary>Whether a rich dependency holds over the packages chosen so far.</summary>
    private bool Evaluate(RichDependency node, SatSolver solver) => node switch
    {
        RichSimple simple => AnyChosen(encoder.Pool.WhatProvides(simple.Dependency), solver),
        RichGroup group => Evaluate(group.Operand, solver),
        RichAnd and => and.Operands.All(o => Evaluate(o, solver)),
        RichOr or => or.Operands.Any(o => Evaluate(o, solver)),
        RichIf rif => Evaluate(rif.Condition, solver) ? Evaluate(rif.Then, solver) : rif.Else is null || Evaluate(rif.Else, solver),
        RichUnless { Else: null } unless => Evaluate(unless.Then, solver) && !Evaluate(unless.Condition, solver),
        RichUnless unless => !Evaluate(unless.Condition, solver) ? Evaluate(unless.Then, solver) : Evaluate(unless.Else, solver),
        _ => AnyChosen([.. encoder.PackageSet(node)], solver),
    };

    private static bool AnyChosen(IReadOnlyList<int> packages, SatSolver solver)
    {
        foreach (int q in packages)
        {
            if (solver.ValueOf(q + 1) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
