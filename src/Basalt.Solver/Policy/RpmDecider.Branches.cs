using Basalt.Solver.Sat;

namespace Basalt.Solver.Policy;

/// <summary>
/// libsolv's branches and its minimization step (solver.c, solver_run_sat): every choice among several providers is
/// remembered with the decision level before it. Once a model is complete, if some alternative of a choice that was
/// not tried ended up installed anyway (after that choice), the search goes back to that choice and takes that
/// alternative instead, since it may make the first pick unnecessary; the earliest such choice is revisited first.
/// Likewise when the pick is not recommended by the final set but an untried alternative is. Each alternative is
/// tried at most once, so this ends.
/// </summary>
internal sealed partial class RpmDecider
{
    private readonly List<Branch> _branches = [];

    private void RecordBranch(SatSolver solver, IReadOnlyList<int> alternatives)
    {
        if (alternatives.Count < 2)
        {
            return;
        }

        var tried = new bool[alternatives.Count];
        tried[0] = true;
        _branches.Add(new Branch(solver.DecisionLevel, solver.TrailLength, [.. alternatives], tried));
    }

    private void DropBranches(int trailLength)
    {
        int keep = _branches.Count;
        while (keep > 0 && _branches[keep - 1].TrailPosition >= trailLength)
        {
            keep--;
        }

        _branches.RemoveRange(keep, _branches.Count - keep);
    }

    /// <summary>The literal of a better alternative after going back to its choice, or 0 when there is none.</summary>
    private int Minimize(SatSolver solver)
    {
        int bestBranch = -1, bestAlternative = -1;
        for (int b = _branches.Count - 1; b >= 0; b--)
        {
            var branch = _branches[b];
            int recommended = -1;
            int found = -1;
            for (int i = 0; i < branch.Alternatives.Length; i++)
            {
                if (branch.Tried[i])
                {
                    continue;
                }

                int variable = branch.Alternatives[i] + 1;
                if (solver.ValueOf(variable) > 0 && solver.LevelOf(variable) > branch.Level)
                {
                    found = i;
                    break;
                }

                if (recommended < 0 && policy.IsRecommendedNow(branch.Alternatives[i], solver))
                {
                    recommended = i;
                }
            }

            if (found < 0 && recommended >= 0 && !CurrentPickRecommended(solver, branch))
            {
                found = recommended;
            }

            if (found >= 0)
            {
                bestBranch = b;
                bestAlternative = found;
            }
        }

        if (bestBranch < 0)
        {
            return 0;
        }

        var chosen = _branches[bestBranch];
        chosen.Tried[bestAlternative] = true;
        solver.BacktrackTo(chosen.Level, this);
        NewPass(); // libsolv minimizes between passes, so the next one starts afresh
        _branches.Add(chosen);
        return chosen.Alternatives[bestAlternative] + 1;
    }

    // libsolv only swaps a pick for a recommended alternative when the package picked there is not recommended itself.
    private bool CurrentPickRecommended(SatSolver solver, Branch branch)
    {
        for (int i = 0; i < branch.Alternatives.Length; i++)
        {
            int variable = branch.Alternatives[i] + 1;
            if (branch.Tried[i] && solver.ValueOf(variable) > 0 && solver.LevelOf(variable) == branch.Level + 1)
            {
                return policy.IsRecommendedNow(branch.Alternatives[i], solver);
            }
        }

        return true;
    }

    /// <param name="Level">The decision level before the choice was made.</param>
    /// <param name="TrailPosition">Where the choice's decision sits on the trail.</param>
    /// <param name="Alternatives">The candidates in policy order (the first was taken).</param>
    /// <param name="Tried">Which alternatives were taken already.</param>
    private sealed record Branch(int Level, int TrailPosition, int[] Alternatives, bool[] Tried);
}
