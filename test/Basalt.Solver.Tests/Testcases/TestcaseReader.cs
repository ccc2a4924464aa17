using System.Globalization;
using Basalt.Packaging;
using Basalt.Packaging.Model;

namespace Basalt.Solver.Tests.Testcases;

/// <summary>
/// Reads libsolv's testcase format (ext/testcase.c): "repo NAME PRIO[.SUBPRIO] testtags &lt;inline&gt;|FILE|empty",
/// "system ARCH DISTTYPE [REPO]", "job …", "solverflags …", "poolflags …", "result TYPES &lt;inline&gt;" and "nextjob".
/// Inline blocks are the following lines starting with "#&gt;". Packages use the testtags format
/// ("=Pkg: name version release arch", then "=Req:", "=Prv:", "=Con:", "=Obs:", "=Rec:", "=Sug:", "=Sup:", "=Enh:",
/// "=Fls:", "=Prq:" lines).
/// </summary>
internal static class TestcaseReader
{
    public static Testcase Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var testcase = new Testcase { Path = path };
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var section = testcase.Sections[^1];
            switch (words[0])
            {
                case "repo":
                    IEnumerable<string> block = words.Length > 4 && words[4] == "<inline>" ? Inline(lines, ref i)
                        : words[3] == "testtags" ? File.ReadAllLines(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, words[4]))
                        : [];
                    int priority = int.Parse(words[2].Split('.')[0], CultureInfo.InvariantCulture);
                    testcase.Repositories.Add((words[1], priority, ReadPackages(block, words[1], priority, testcase.Unsupported)));
                    break;
                case "system":
                    testcase.Architecture = words[1];
                    testcase.DistType = words.Length > 2 ? words[2] : "rpm";
                    testcase.InstalledRepository = words.Length > 3 ? words[3] : null;
                    break;
                case "job":
                    section.Jobs.Add(line[4..].Trim());
                    break;
                case "solverflags":
                    section.SolverFlags.AddRange(words.Skip(1));
                    break;
                case "poolflags":
                    section.PoolFlags.AddRange(words.Skip(1));
                    break;
                case "result":
                    section.ResultTypes = words[1];
                    if (words.Length > 2 && words[2] == "<inline>")
                    {
                        section.ResultLines.AddRange(Inline(lines, ref i));
                    }

                    break;
                case "nextjob":
                    if (words.Length > 1 && words[1] != "reusesolver")
                    {
                        section.Unsupported.Add(line);
                    }

                    // Pool flags belong to the pool, which the next job reuses; solver flags belong to one job.
                    var next = new TestcaseSection();
                    next.PoolFlags.AddRange(section.PoolFlags);
                    testcase.Sections.Add(next);
                    break;
                case "feature":
                    break;
                default:
                    testcase.Unsupported.Add(words[0]);
                    break;
            }
        }

        return testcase;
    }

    private static List<string> Inline(string[] lines, ref int i)
    {
        var block = new List<string>();
        while (i + 1 < lines.Length && lines[i + 1].StartsWith("#>", StringComparison.Ordinal))
        {
            block.Add(lines[++i][2..]);
        }

        return block;
    }

    public static List<PackageCandidate> ReadPackages(IEnumerable<string> block, string repository, int libsolvPriority,
        List<string> unsupported)
    {
        var packages = new List<PackageCandidate>();
        PackageCandidate? current = null;
        var lists = new Dictionary<string, List<Dependency>>(StringComparer.Ordinal);
        var files = new List<string>();
        void Finish()
        {
            if (current is null)
            {
                return;
            }

            List<Dependency> Get(string tag) => lists.TryGetValue(tag, out var list) ? list : [];
            packages.Add(current with
            {
                Provides = Get("Prv"),
                Requires = [.. Get("Req"), .. Get("Prq").Select(d => d with { Flags = d.Flags | DependencyFlags.ScriptPre })],
                Conflicts = Get("Con"),
                Obsoletes = Get("Obs"),
                Recommends = Get("Rec"),
                Suggests = Get("Sug"),
                Supplements = Get("Sup"),
                Enhances = Get("Enh"),
                Files = [.. files],
            });
            lists.Clear();
            files.Clear();
        }

        foreach (string raw in block)
        {
            string line = raw.TrimStart('#', '>');
            if (line.Length < 6 || line[0] != '=' || line[4] != ':')
            {
                continue;
            }

            string tag = line[1..4];
            string value = line[5..].Trim();
            if (tag == "Pkg")
            {
                Finish();
                var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 4)
                {
                    // Entries without an architecture (evrcmp's version lists) are not installable packages.
                    current = null;
                    continue;
                }

                var evr = Evr.Parse(parts[1] + "-" + parts[2]);
                current = new PackageCandidate(new Nevra(parts[0], evr.Epoch, evr.Version, evr.Release ?? "", parts[3]), repository)
                {
                    // libsolv: a higher priority is preferred; dnf and Basalt: a lower number is preferred.
                    RepositoryPriority = -libsolvPriority,
                };
            }
            else if (tag == "Fls")
            {
                files.Add(value);
            }
            else if (current is not null && tag is "Prv" or "Req" or "Prq" or "Con" or "Obs" or "Rec" or "Sug" or "Sup" or "Enh")
            {
                if (!lists.TryGetValue(tag, out var list))
                {
                    list = [];
                    lists[tag] = list;
                }

                try
                {
                    list.Add(TestTagsDependency.Parse(value));
                }
                catch (FormatException)
                {
                    unsupported.Add($"dependency syntax \"{value}\"");
                }
            }
        }

        Finish();
        return packages;
    }
}
