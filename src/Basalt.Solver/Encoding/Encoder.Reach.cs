using Basalt.Packaging;
using Basalt.Packaging.Rich;

namespace Basalt.Solver.Encoding;

/// <summary>
/// Which packages get rules: those the job can reach, as libsolv adds package rules only for the solvables it meets
/// walking from the job (docs/solver.md, "Encode"). A package outside this set has no clause, is never a candidate of
/// any clause or weak dependency, and so is never installed: its own requires, conflicts and obsoletes cannot change
/// the answer, and rules between a reachable package and an unreachable one always hold.
/// </summary>
internal sealed partial class Encoder
{
    private readonly List<int> _jobSelection = [];
    private bool[] _reachable = [];

    /// <summary>True when package <paramref name="p"/> has rules (the job can reach it).</summary>
    public bool IsReachable(int p) => _reachable[p];

    /// <summary>
    /// The closure from the jobs' selections and the installed packages (with the newer versions of their names and
    /// the packages that obsolete them, which may replace them): every provider of a requires, every package a rich
    /// requires or a rich conflict names (their encodings can ask for any of them), and with weak dependencies the
    /// providers of Recommends and, until nothing changes, every package whose Supplements could hold over the set.
    /// Simple conflicts and obsoletes are not followed: they can only keep a package out.
    /// </summary>
    private bool[] Reach(bool weakDependencies)
    {
        var reached = new bool[Pool.Packages.Count];
        var work = new Stack<int>();
        void Mark(int q)
        {
            if (!reached[q])
            {
                reached[q] = true;
                work.Push(q);
            }
        }

        foreach (int p in _jobSelection)
        {
            Mark(p);
        }

        for (int p = 0; p < Pool.InstalledCount; p++)
        {
            Mark(p);
            foreach (int q in Pool.WithName(Pool.Packages[p].Name))
            {
                Mark(q);
            }

            foreach (int q in Pool.ObsoletersOf(p))
            {
                Mark(q);
            }
        }

        var supplementing = weakDependencies
            ? Enumerable.Range(0, Pool.Packages.Count).Where(p => Pool.Packages[p].Supplements.Count != 0).ToList()
            : [];
        bool grew = true;
        while (grew)
        {
            while (work.TryPop(out int p))
            {
                var package = Pool.Packages[p];
                foreach (var requires in package.Requires)
                {
                    if (!IsRpmLib(requires))
                    {
                        MarkProviders(requires, Mark);
                    }
                }

                foreach (var conflicts in package.Conflicts)
                {
                    if (conflicts.IsRich)
                    {
                        MarkProviders(conflicts, Mark);
                    }
                }

                if (weakDependencies)
                {
                    foreach (var recommends in package.Recommends)
                    {
                        MarkProviders(recommends, Mark);
                    }
                }
            }

            // libsolv's weak pass: a package whose Supplements may hold is added with its closure, and the check is
            // repeated because that closure can make further Supplements possible.
            grew = false;
            foreach (int s in supplementing)
            {
                if (!reached[s] && Pool.Packages[s].Supplements.Any(d => Possible(d, reached)))
                {
                    Mark(s);
                    grew = true;
                }
            }
        }

        return reached;
    }

    private static bool IsRpmLib(Dependency requires)
        => (requires.Flags & DependencyFlags.RpmLib) != 0 || requires.Name.StartsWith("rpmlib(", StringComparison.Ordinal);

    private void MarkProviders(Dependency dependency, Action<int> mark)
    {
        IEnumerable<int> providers = Pool.Rich(dependency) is { } rich ? PackageSet(rich) : Pool.WhatProvides(dependency);
        foreach (int q in providers)
        {
            mark(q);
        }
    }

    /// <summary>
    /// Whether a Supplements could hold when only <paramref name="reached"/> packages can be installed: an
    /// over-approximation of what <see cref="Policy.WeakDependencies"/> evaluates ("(a if b)" holds without b).
    /// </summary>
    private bool Possible(Dependency dependency, bool[] reached)
        => Pool.Rich(dependency) is { } rich ? Possible(rich, reached) : AnyReached(Pool.WhatProvides(dependency), reached);

    private bool Possible(RichDependency node, bool[] reached) => node switch
    {
        RichSimple simple => AnyReached(Pool.WhatProvides(simple.Dependency), reached),
        RichGroup group => Possible(group.Operand, reached),
        RichAnd and => and.Operands.All(o => Possible(o, reached)),
        RichOr or => or.Operands.Any(o => Possible(o, reached)),
        RichIf { Else: null } => true,
        RichIf { Else: { } otherwise } rif => Possible(rif.Then, reached) || Possible(otherwise, reached),
        RichUnless { Else: null } unless => Possible(unless.Then, reached),
        RichUnless { Else: { } otherwise } unless => Possible(unless.Then, reached) || Possible(otherwise, reached),
        _ => AnyReached(PackageSet(node), reached),
    };

    private static bool AnyReached(IEnumerable<int> packages, bool[] reached)
    {
        foreach (int q in packages)
        {
            if (reached[q])
            {
                return true;
            }
        }

        return false;
    }
}
