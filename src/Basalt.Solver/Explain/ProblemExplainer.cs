using Basalt.Packaging.Model;
using Basalt.Solver.Encoding;
using Basalt.Solver.Sat;

namespace Basalt.Solver.Explain;

/// <summary>
/// Words for an unsatisfiable core, the way dnf prints libsolv's problems. The core from the CDCL proof is first
/// shrunk (drop each clause in turn, keep it out when the rest is still unsatisfiable), then each remaining clause
/// becomes one sentence: missing capabilities first, then the requirement chain from the jobs outward, then the
/// conflicts that close it, and "conflicting requests" when several jobs take part.
/// </summary>
internal static class ProblemExplainer
{
    private const int MinimiseLimit = 400;

    public static ResolutionProblem Explain(Encoder encoder, IReadOnlyList<int> core, CancellationToken cancellationToken)
    {
        var clauses = core.Count <= MinimiseLimit ? Minimise(encoder, core, cancellationToken) : [.. core];
        var rules = clauses.Select(id => (Id: id, Rule: encoder.Rules[id])).ToList();
        var lines = new List<string>();
        void Add(string line)
        {
            if (!lines.Contains(line))
            {
                lines.Add(line);
            }
        }

        foreach (var (id, rule) in rules)
        {
            if (IsMissing(encoder, id, rule))
            {
                Add(Sentence(encoder, id, rule));
            }
        }

        foreach (var (id, rule) in ChainOrder(encoder, rules))
        {
            Add(Sentence(encoder, id, rule));
        }

        foreach (var (id, rule) in rules.Where(r => r.Rule.Kind is not (RuleKind.Requires or RuleKind.Job)))
        {
            Add(Sentence(encoder, id, rule));
        }

        // Two or more jobs in the core contradict each other (dnf's "conflicting requests").
        if (rules.Count(r => r.Rule.Kind == RuleKind.Job && !IsMissing(encoder, r.Id, r.Rule)) > 1 || lines.Count == 0)
        {
            Add("conflicting requests");
        }

        return new ResolutionProblem(lines);
    }

    /// <summary>Requires rules in the order the jobs reach them: a rule's package is selected by a job or provided by an earlier rule.</summary>
    private static List<(int Id, Rule Rule)> ChainOrder(Encoder encoder, List<(int Id, Rule Rule)> rules)
    {
        var reached = new HashSet<int>();
        foreach (var (id, rule) in rules.Where(r => r.Rule.Kind == RuleKind.Job))
        {
            foreach (int literal in encoder.Sat.ClauseLiterals(id))
            {
                reached.Add(literal - 1);
            }
        }

        var pending = rules.Where(r => r.Rule.Kind == RuleKind.Requires).ToList();
        var ordered = new List<(int, Rule)>();
        bool progress = true;
        while (pending.Count > 0 && progress)
        {
            progress = false;
            foreach (var entry in pending.ToList())
            {
                if (reached.Contains(entry.Rule.Package))
                {
                    ordered.Add(entry);
                    pending.Remove(entry);
                    progress = true;
                    foreach (int literal in encoder.Sat.ClauseLiterals(entry.Id))
                    {
                        if (literal > 0 && encoder.IsPackage(literal))
                        {
                            reached.Add(literal - 1);
                        }
                    }
                }
            }
        }

        ordered.AddRange(pending);
        return ordered;
    }

    private static bool IsMissing(Encoder encoder, int id, Rule rule)
        => rule.Kind is RuleKind.Job or RuleKind.Requires
           && !rule.IsHelper
           && encoder.Sat.ClauseLiterals(id).All(l => l < 0);

    private static string Sentence(Encoder encoder, int id, Rule rule)
    {
        string Name(int p) => Format(encoder.Pool.Packages[p]);
        bool missing = IsMissing(encoder, id, rule);
        return rule.Kind switch
        {
            RuleKind.Job when missing => $"nothing provides requested {rule.Job}",
            RuleKind.Job => "conflicting requests",
            RuleKind.Requires when missing => $"nothing provides {rule.Dependency} needed by {Name(rule.Package)}",
            RuleKind.Requires => $"package {Name(rule.Package)} requires {rule.Dependency}, but none of the providers can be installed",
            RuleKind.Conflicts when rule.Other >= 0 => $"package {Name(rule.Package)} conflicts with {rule.Dependency} provided by {Name(rule.Other)}",
            RuleKind.Conflicts => $"package {Name(rule.Package)} conflicts with {rule.Dependency}",
            RuleKind.Obsoletes => $"package {Name(rule.Package)} obsoletes {rule.Dependency} provided by {Name(rule.Other)}",
            RuleKind.SameName => $"cannot install both {Name(rule.Package)} and {Name(rule.Other)}",
            _ => $"problem with installed package {Name(rule.Package)}",
        };
    }

    /// <summary>NEVRA as dnf prints it: the epoch only when it is not 0.</summary>
    public static string Format(PackageCandidate package)
        => (package.Nevra.Epoch ?? 0) == 0 ? package.Nevra.ToNvra() : package.Nevra.ToString();

    private static List<int> Minimise(Encoder encoder, IReadOnlyList<int> core, CancellationToken cancellationToken)
    {
        var kept = core.ToList();
        for (int i = kept.Count - 1; i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trial = kept.Where((_, k) => k != i).ToList();
            if (IsUnsatisfiable(encoder, trial, cancellationToken))
            {
                kept = trial;
            }
        }

        return kept;
    }

    private static bool IsUnsatisfiable(Encoder encoder, List<int> clauses, CancellationToken cancellationToken)
    {
        // Only the variables of these clauses matter: renumber them densely so a trial costs little on a big pool.
        var sat = new SatSolver();
        var map = new Dictionary<int, int>();
        foreach (int id in clauses)
        {
            var literals = encoder.Sat.ClauseLiterals(id);
            for (int i = 0; i < literals.Length; i++)
            {
                int v = Math.Abs(literals[i]);
                if (!map.TryGetValue(v, out int mapped))
                {
                    mapped = sat.NewVariable();
                    map[v] = mapped;
                }

                literals[i] = literals[i] > 0 ? mapped : -mapped;
            }

            sat.AddClause(literals);
        }

        return sat.Solve(DefaultDecider.Instance, new SatBudget(100_000, TimeSpan.FromSeconds(10)), cancellationToken)
            == SatStatus.Unsatisfiable;
    }

    private sealed class DefaultDecider : ISatDecider
    {
        public static DefaultDecider Instance { get; } = new();

        public int Decide(SatSolver solver) => 0;

        public void Backtracked(int trailLength)
        {
        }
    }
}
