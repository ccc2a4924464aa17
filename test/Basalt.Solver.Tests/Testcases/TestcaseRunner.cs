using Basalt.Packaging;
using Basalt.Packaging.Model;
using Basalt.Solver.Explain;

namespace Basalt.Solver.Tests.Testcases;

/// <summary>The transaction of one section, in libsolv's words: what gets installed and erased, and whether there are problems.</summary>
internal sealed record TestcaseOutcome(SortedSet<string> Installs, SortedSet<string> Erases, bool HasProblems)
{
    public override string ToString()
        => HasProblems ? "problems" : string.Join("\n", Installs.Select(i => "install " + i).Concat(Erases.Select(e => "erase " + e)));

    public bool SameAs(TestcaseOutcome other)
        => HasProblems == other.HasProblems && (HasProblems || (Installs.SetEquals(other.Installs) && Erases.SetEquals(other.Erases)));

    /// <summary>Reads "install X", "erase X", "upgrade OLD NEW", "downgrade OLD NEW" and "problem …" result lines.</summary>
    public static TestcaseOutcome FromResultLines(IEnumerable<string> lines)
    {
        var installs = new SortedSet<string>(StringComparer.Ordinal);
        var erases = new SortedSet<string>(StringComparer.Ordinal);
        bool problems = false;
        foreach (string line in lines)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            switch (words[0])
            {
                case "install":
                    installs.Add(words[1]);
                    break;
                case "erase":
                    erases.Add(words[1]);
                    break;
                case "upgrade" or "downgrade" or "change" or "reinstall":
                    erases.Add(words[1]);
                    installs.Add(words[2]);
                    break;
                case "problem":
                    problems = true;
                    break;
            }
        }

        return new TestcaseOutcome(installs, erases, problems);
    }
}

/// <summary>Runs a testcase section through <see cref="PackageSolver"/>.</summary>
internal static class TestcaseRunner
{
    private static readonly string[] TransactionTypes = ["transaction", "rules", "proof"];

    /// <summary>Why Basalt does not run this section, or null when it does.</summary>
    public static string? WhyUnsupported(Testcase testcase, TestcaseSection section)
    {
        if (testcase.Unsupported.Count != 0)
        {
            return "directive '" + testcase.Unsupported[0] + "' is not modelled";
        }

        if (testcase.DistType == "deb")
        {
            return "Debian disttype";
        }

        var types = section.ResultTypes.Split(',');
        if (!types.Any(t => TransactionTypes.Contains(t)))
        {
            return $"result '{section.ResultTypes}' is not a transaction";
        }

        if (section.Unsupported.Count != 0)
        {
            return "'" + section.Unsupported[0] + "'";
        }

        if (section.PoolFlags.Count != 0)
        {
            return "poolflags " + string.Join(' ', section.PoolFlags);
        }

        var flags = section.SolverFlags.Where(f => f != "ignorerecommended").ToList();
        if (flags.Count != 0)
        {
            return "solverflags " + string.Join(' ', flags);
        }

        foreach (string job in section.Jobs)
        {
            if (job.Contains('['))
            {
                return $"job flags in 'job {job}'";
            }

            var words = job.Split(' ');
            if (words[0] != "install" || words[1] is not ("name" or "pkg" or "provides"))
            {
                return $"job '{words[0]} {words[1]}'";
            }
        }

        return section.Jobs.Count == 0 ? "no job" : null;
    }

    public static TestcaseOutcome Run(Testcase testcase, TestcaseSection section)
    {
        var installed = testcase.Repositories.Where(r => r.Name == testcase.InstalledRepository).SelectMany(r => r.Packages).ToList();
        var available = testcase.Repositories.Where(r => r.Name != testcase.InstalledRepository).SelectMany(r => r.Packages).ToList();
        var options = new SolverOptions
        {
            TargetArchitecture = testcase.Architecture,
            Architectures = Architectures(testcase.Architecture, available),
            InstallWeakDependencies = !section.SolverFlags.Contains("ignorerecommended"),
        };
        var jobs = section.Jobs.Select(Job).ToList();
        var resolution = PackageSolver.Solve(available, installed, jobs, options);
        return new TestcaseOutcome(
            new SortedSet<string>(resolution.Installs.Select(Name), StringComparer.Ordinal),
            new SortedSet<string>(resolution.Removals.Select(Name), StringComparer.Ordinal),
            !resolution.Succeeded);
    }

    public static string Name(PackageCandidate package) => ProblemExplainer.Format(package) + "@" + package.RepositoryId;

    private static SolverJob Job(string job)
    {
        var words = job.Split(' ', 3);
        return words[1] switch
        {
            "pkg" => SolverJob.InstallNevra(words[2]),
            "provides" => SolverJob.InstallProvides(TestTagsDependency.Parse(words[2])),
            _ => SolverJob.InstallName(TestTagsDependency.Parse(words[2])),
        };
    }

    // libsolv's arch policies (poolarch.c) for the architectures these testcases use; "unset" accepts everything.
    private static List<string> Architectures(string arch, List<PackageCandidate> available) => arch switch
    {
        "x86_64" => ["x86_64", "i686", "i586", "i486", "i386", "noarch"],
        "i686" => ["i686", "i586", "i486", "i386", "noarch"],
        "i586" => ["i586", "i486", "i386", "noarch"],
        _ => [.. available.Select(p => p.Nevra.Arch).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
    };

    /// <summary>Runs testsolv -r on the case with its result type changed to a transaction, for sections that check rules or proofs.</summary>
    public static List<TestcaseOutcome> FromTestsolv(string path, string testsolv)
    {
        var text = File.ReadAllLines(path)
            .Where(l => !l.StartsWith("#>", StringComparison.Ordinal) || l.StartsWith("#>=", StringComparison.Ordinal))
            .Select(l => l.StartsWith("result ", StringComparison.Ordinal) ? "result transaction,problems <inline>" : l);
        using var temp = new TestInfrastructure.TempDirectory();
        string copy = System.IO.Path.Combine(temp.FullPath, System.IO.Path.GetFileName(path));
        File.WriteAllLines(copy, text);
        foreach (string file in Directory.GetFiles(System.IO.Path.GetDirectoryName(path)!, "*.repo"))
        {
            File.Copy(file, System.IO.Path.Combine(temp.FullPath, System.IO.Path.GetFileName(file)));
        }

        var result = TestInfrastructure.ExternalTool.Run(testsolv, ["-r", copy], temp.FullPath);
        return ParseTestsolvOutput(result.StandardOutput);
    }

    /// <summary>Splits "testsolv -r" output into one outcome per job section ("Test N:" heads each when there are several).</summary>
    public static List<TestcaseOutcome> ParseTestsolvOutput(string output)
    {
        var outcomes = new List<TestcaseOutcome>();
        var current = new List<string>();
        bool sawHeader = false;
        foreach (string line in output.Split('\n'))
        {
            if (line.StartsWith("Test ", StringComparison.OrdinalIgnoreCase))
            {
                if (sawHeader)
                {
                    outcomes.Add(TestcaseOutcome.FromResultLines(current));
                }

                sawHeader = true;
                current.Clear();
                continue;
            }

            current.Add(line);
        }

        outcomes.Add(TestcaseOutcome.FromResultLines(current));
        return outcomes;
    }
}
