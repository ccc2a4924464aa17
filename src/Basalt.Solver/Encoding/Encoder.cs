using Basalt.Packaging;
using Basalt.Packaging.Rich;
using Basalt.Solver.Sat;

namespace Basalt.Solver.Encoding;

/// <summary>
/// Turns the pool and the jobs into clauses. Variable p+1 means "package p is in the final set"; further variables
/// are helpers of rich dependencies. Every clause records its <see cref="Rule"/> for explanations, and requires-like
/// clauses are listed under the variable whose truth makes them matter, for the decider.
/// </summary>
internal sealed partial class Encoder
{
    private readonly List<List<int>> _triggered = [];
    private readonly List<int> _literals = [];
    private readonly bool _choiceRules;
    private readonly HashSet<string> _installedNames;

    public Encoder(Pool pool, bool choiceRules)
    {
        Pool = pool;
        _choiceRules = choiceRules && pool.InstalledCount != 0;
        _installedNames = [.. pool.Packages.Take(pool.InstalledCount).Select(p => p.Name)];
        Sat.Reserve(pool.Packages.Count + 1, 0);
        _triggered.EnsureCapacity(pool.Packages.Count + 1);
        for (int p = 0; p < pool.Packages.Count; p++)
        {
            Sat.NewVariable();
        }

        for (int v = 0; v <= pool.Packages.Count; v++)
        {
            _triggered.Add([]);
        }
    }

    public Pool Pool { get; }

    public SatSolver Sat { get; } = new();

    /// <summary>The origin of each clause, by clause id.</summary>
    public List<Rule> Rules { get; } = [];

    /// <summary>The job clauses, in job order.</summary>
    public List<int> JobClauses { get; } = [];

    /// <summary>Clauses to satisfy once variable v is true (requires of a package, definitions of a helper).</summary>
    public IReadOnlyList<int> TriggeredBy(int variable) => _triggered[variable];

    /// <summary>True when variable v stands for a package (not a helper).</summary>
    public bool IsPackage(int variable) => variable <= Pool.Packages.Count;

    /// <summary>Adds the clause for an install job; an empty selection becomes an empty clause.</summary>
    public void AddJob(SolverJob job, IReadOnlyList<int> selection)
    {
        _jobSelection.AddRange(selection);
        var literals = selection.Select(p => p + 1).ToArray();
        JobClauses.Add(AddClause(literals, new Rule(RuleKind.Job, -1, job.Dependency, -1, job)));
    }

    /// <summary>
    /// Encodes the requires, conflicts and obsoletes of every package the jobs can reach (after every
    /// <see cref="AddJob"/>), the one-per-name rule and the installed set. <paramref name="weakDependencies"/> says
    /// whether Recommends and Supplements can install packages, which widens what is reachable.
    /// </summary>
    public void AddPackageRules(bool weakDependencies)
    {
        _reachable = Reach(weakDependencies);
        // Reserve what is added below (a clause per requires and per conflicting provider, a pair per two versions of
        // a name): regrowing these tables allocated as much as the clauses themselves.
        int expectedClauses = ExpectedClauses();
        Sat.Reserve(Pool.Packages.Count + 1, expectedClauses);
        Rules.EnsureCapacity(expectedClauses);
        var packages = Pool.Packages;
        for (int p = 0; p < packages.Count; p++)
        {
            if (!_reachable[p])
            {
                continue;
            }

            var package = packages[p];
            foreach (var requires in package.Requires)
            {
                if (IsRpmLib(requires))
                {
                    continue; // rpm itself provides rpmlib() features; they are not packages.
                }

                AddRequires(p, requires);
            }

            foreach (var conflicts in package.Conflicts)
            {
                AddConflicts(p, conflicts);
            }

            if (!Pool.IsInstalled(p))
            {
                // rpm and libsolv ignore the obsoletes of packages that are already installed.
                foreach (var obsoletes in package.Obsoletes)
                {
                    foreach (int other in Pool.WhatObsoletes(obsoletes))
                    {
                        if (other != p && _reachable[other] && Pool.Packages[other].Name != package.Name)
                        {
                            AddClause([-(p + 1), -(other + 1)], new Rule(RuleKind.Obsoletes, p, obsoletes, other, null));
                        }
                    }
                }
            }
        }

        AddSameNameRules();
        AddKeepInstalledRules();
    }

    private void AddRequires(int p, Dependency requires)
    {
        var rule = new Rule(RuleKind.Requires, p, requires, -1, null);
        if (Pool.Rich(requires) is not { } rich)
        {
            var providers = Pool.WhatProvides(requires);
            if (_choiceRules && !Pool.IsInstalled(p))
            {
                AddChoiceRule(p, providers, rule);
            }

            // The solver copies the literals into its own clause, so one scratch buffer serves every requires.
            _literals.Clear();
            _literals.Add(-(p + 1));
            foreach (int provider in providers)
            {
                _literals.Add(provider + 1);
            }

            _triggered[p + 1].Add(AddClause(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_literals), rule));
            return;
        }

        if (AddNormalized(p, rich, rule, negate: false))
        {
            return;
        }

        foreach (var clause in Positive(rich, rule))
        {
            _triggered[p + 1].Add(AddClause([-(p + 1), .. clause], rule));
        }
    }

    /// <summary>
    /// libsolv's choice rules, simplified: when no installed package meets a requirement but an update of an installed
    /// name would, also require one of those updates, so that the installed package is updated rather than a new name
    /// pulled in beside it. The caller drops these clauses and solves again when they make the problem unsatisfiable.
    /// </summary>
    private void AddChoiceRule(int p, int[] providers, Rule rule)
    {
        if (providers.Any(Pool.IsInstalled))
        {
            return;
        }

        var updates = providers.Where(q => _installedNames.Contains(Pool.Packages[q].Name)).ToList();
        if (updates.Count != 0 && updates.Count != providers.Length)
        {
            _triggered[p + 1].Add(AddClause([-(p + 1), .. updates.Select(q => q + 1)], rule with { IsHelper = true }));
        }
    }

    private void AddConflicts(int p, Dependency conflicts)
    {
        if (Pool.Rich(conflicts) is { } rich)
        {
            var rule = new Rule(RuleKind.Conflicts, p, conflicts, -1, null);
            if (AddNormalized(p, rich, rule, negate: true))
            {
                return;
            }

            foreach (var clause in Negative(rich, rule))
            {
                _triggered[p + 1].Add(AddClause([-(p + 1), .. clause], rule));
            }

            return;
        }

        foreach (int other in Pool.WhatProvides(conflicts))
        {
            // A package never conflicts with itself (rpm skips self-conflicts, e.g. "Conflicts: foo < 2" in foo-2).
            if (other != p && _reachable[other])
            {
                AddClause([-(p + 1), -(other + 1)], new Rule(RuleKind.Conflicts, p, conflicts, other, null));
            }
        }
    }

    private void AddSameNameRules()
    {
        foreach (string name in Pool.Names)
        {
            var group = Pool.WithName(name);
            for (int i = 0; i < group.Count; i++)
            {
                for (int j = i + 1; j < group.Count; j++)
                {
                    if ((Pool.IsInstalled(group[i]) && Pool.IsInstalled(group[j])) || !_reachable[group[i]] || !_reachable[group[j]])
                    {
                        continue; // an installed multiversion set (kernels) stays as it is; unreachable ones stay out.
                    }

                    AddClause([-(group[i] + 1), -(group[j] + 1)], new Rule(RuleKind.SameName, group[i], null, group[j], null));
                }
            }
        }
    }

    private void AddKeepInstalledRules()
    {
        // Obsoleters of each installed package, found in one pass over the available packages' obsoletes.
        var obsoleters = new List<int>[Pool.InstalledCount];
        for (int q = Pool.InstalledCount; q < Pool.Packages.Count && Pool.InstalledCount != 0; q++)
        {
            foreach (var obsoletes in Pool.Packages[q].Obsoletes)
            {
                foreach (int t in Pool.WhatObsoletes(obsoletes))
                {
                    if (Pool.IsInstalled(t) && Pool.Packages[t].Name != Pool.Packages[q].Name)
                    {
                        (obsoleters[t] ??= []).Add(q);
                    }
                }
            }
        }

        for (int p = 0; p < Pool.InstalledCount; p++)
        {
            var installed = Pool.Packages[p];
            var literals = new List<int> { p + 1 };
            foreach (int q in Pool.WithName(installed.Name))
            {
                if (!Pool.IsInstalled(q) && Evr.Compare(Pool.Evrs[q], Pool.Evrs[p]) > 0)
                {
                    literals.Add(q + 1);
                }
            }

            if (obsoleters[p] is { } replacing)
            {
                literals.AddRange(replacing.Distinct().Select(q => q + 1));
            }

            AddClause(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(literals), new Rule(RuleKind.KeepInstalled, p, null, -1, null));
        }
    }

    private int ExpectedClauses()
    {
        int count = Pool.InstalledCount + 16;
        for (int p = 0; p < Pool.Packages.Count; p++)
        {
            if (_reachable[p])
            {
                var package = Pool.Packages[p];
                count += package.Requires.Count + package.Conflicts.Count + package.Obsoletes.Count + Pool.WithName(package.Name).Count;
            }
        }

        return count;
    }

    private int AddClause(ReadOnlySpan<int> literals, Rule rule)
    {
        int id = Sat.AddClause(literals);
        Rules.Add(rule);
        return id;
    }

    private int NewHelper()
    {
        int v = Sat.NewVariable();
        _triggered.Add([]);
        return v;
    }
}
