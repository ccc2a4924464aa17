using Basalt.Packaging;
using Basalt.Packaging.Model;
using Basalt.Packaging.Rich;
using Basalt.Solver.Encoding;
using Basalt.Solver.Explain;
using Basalt.Solver.Ordering;
using Basalt.Solver.Policy;
using Basalt.Solver.Sat;

namespace Basalt.Solver;

/// <summary>
/// Dependency resolution as a deterministic pipeline (ARCHITECTURE.md): validate, prune (architecture, excludes,
/// pins, repository priority), sort, encode as clauses, search with the generic CDCL solver steered by libsolv's
/// policy, then order the result for installation or explain why there is none.
/// </summary>
public static class PackageSolver
{
    /// <summary>Resolves <paramref name="jobs"/> against <paramref name="available"/> on top of <paramref name="installed"/>.</summary>
    /// <exception cref="ResolutionException">The search ran out of its budget.</exception>
    public static Resolution Solve(IEnumerable<PackageCandidate> available, IEnumerable<PackageCandidate> installed,
        IEnumerable<SolverJob> jobs, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(installed);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(options);
        var jobList = jobs.ToList();
        var installedInput = installed.ToList();
        var availableInput = available.ToList();
        var installedList = CandidateFilter.Installed(installedInput);
        var pool = new Pool([.. installedList, .. CandidateFilter.Available(availableInput, options)], installedList.Count,
            options.EffectiveArchitectures);
        pool.SetInputOrder([.. installedInput, .. availableInput]);
        var locked = options.Lock is { } lockFile && !options.UpdateLocked
            ? lockFile.Packages.Select(p => p.Nevra).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

        // With an installed set, first try with choice rules (prefer updating installed names); they are preferences,
        // so when they make the problem unsatisfiable the search runs again without them, and that run explains.
        var (encoder, status) = Search(pool, jobList, options, locked, choiceRules: true, cancellationToken);
        if (status == SatStatus.Unsatisfiable && pool.InstalledCount != 0)
        {
            (encoder, status) = Search(pool, jobList, options, locked, choiceRules: false, cancellationToken);
        }

        var sat = encoder.Sat;
        var statistics = new SolverStatistics(sat.VariableCount, sat.ClauseCount, sat.Decisions, sat.Conflicts);
        switch (status)
        {
            case SatStatus.BudgetExceeded:
                throw new ResolutionException(
                    $"Resolution of \"{string.Join(' ', jobList)}\" over {pool.Packages.Count} packages gave up after "
                    + $"{sat.Conflicts} conflicts (limits: {options.MaxConflicts} conflicts, {options.MaxTime}).");
            case SatStatus.Unsatisfiable:
                return new Resolution
                {
                    Succeeded = false,
                    Problems = [ProblemExplainer.Explain(encoder, sat.UnsatCore, cancellationToken)],
                    Statistics = statistics,
                };
        }

        var chosen = Enumerable.Range(0, pool.Packages.Count).Where(p => sat.ValueOf(p + 1) > 0).ToList();
        var installs = chosen.Where(p => !pool.IsInstalled(p)).ToList();
        return new Resolution
        {
            Succeeded = true,
            Packages = SortByNevra(chosen.Select(p => pool.Packages[p])),
            Installs = SortByNevra(installs.Select(p => pool.Packages[p])),
            Removals = SortByNevra(Enumerable.Range(0, pool.InstalledCount).Where(p => sat.ValueOf(p + 1) < 0).Select(p => pool.Packages[p])),
            InstallOrder = InstallOrder.Compute(pool, installs),
            Statistics = statistics,
        };
    }

    private static (Encoder Encoder, SatStatus Status) Search(Pool pool, List<SolverJob> jobs, SolverOptions options,
        HashSet<string> locked, bool choiceRules, CancellationToken cancellationToken)
    {
        var encoder = new Encoder(pool, choiceRules);
        foreach (var job in jobs)
        {
            encoder.AddJob(job, Select(pool, encoder, job));
        }

        encoder.AddPackageRules(options.InstallWeakDependencies);
        var policy = new ProviderPolicy(encoder, locked);
        var decider = new RpmDecider(encoder, policy, options.InstallWeakDependencies ? new WeakDependencies(encoder, policy) : null);
        var status = encoder.Sat.Solve(decider, new SatBudget(options.MaxConflicts, options.MaxTime), cancellationToken);
        return (encoder, status);
    }

    private static List<PackageCandidate> SortByNevra(IEnumerable<PackageCandidate> packages)
        => [.. packages.OrderBy(p => p.Nevra.ToString(), StringComparer.Ordinal).ThenBy(p => p.RepositoryId, StringComparer.Ordinal)];

    private static List<int> Select(Pool pool, Encoder encoder, SolverJob job)
    {
        switch (job.Kind)
        {
            case SolverJobKind.Name:
                var byName = pool.WithName(job.Text)
                    .Where(p => job.Dependency is null || Capability.Satisfies(pool.SelfProvides[p], job.Dependency)).ToList();
                if (byName.Count != 0 && job.OrObsoleting)
                {
                    // dnf (obsoletes=True, the default) adds to a bare name the packages that obsolete it, and the
                    // provider policy then prefers the obsoleting one: "dnf install X" installs Y when Y obsoletes X.
                    byName = [.. byName.Concat(byName.SelectMany(pool.ObsoletersOf)).Distinct().Order()];
                }

                return byName.Count != 0 || pool.WithName(job.Text).Count != 0
                    ? byName
                    : [.. pool.WhatProvides(job.Dependency ?? new Dependency(job.Text))];
            case SolverJobKind.Provides:
                var dependency = job.Dependency ?? new Dependency(job.Text);
                return pool.Rich(dependency) is { } rich
                    ? [.. encoder.PackageSet(rich)]
                    : [.. pool.WhatProvides(dependency)];
            default:
                return [.. Enumerable.Range(0, pool.Packages.Count).Where(p => MatchesNevra(pool.Packages[p], job.Text))];
        }
    }

    /// <summary>"name-[epoch:]version-release.arch" with an optional "@repository"; epoch 0 may be left out.</summary>
    private static bool MatchesNevra(PackageCandidate package, string text)
    {
        int at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (package.RepositoryId != text[(at + 1)..])
            {
                return false;
            }

            text = text[..at];
        }

        var nevra = package.Nevra;
        return nevra.ToString() == text || ((nevra.Epoch ?? 0) == 0 && nevra.ToNvra() == text);
    }
}
