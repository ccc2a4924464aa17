using System.Text;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Resolution;

/// <summary>One reference tool's answer to one job: solvable or not, and the install set as "name-evr.arch".</summary>
internal sealed record OracleAnswer(bool Solved, IReadOnlySet<string> Installs, string Detail);

/// <summary>
/// The reference resolvers on an rpm-md folder: libsolv (rpmmd2solv, then one testsolv testcase with a section per
/// job) and dnf's Python API (one python process per repository answering every job).
/// </summary>
internal static class Oracles
{
    public static List<OracleAnswer> Testsolv(string repository, string work, IReadOnlyList<IReadOnlyList<string>> jobs, bool weakDeps)
    {
        ExternalTool.Require("rpmmd2solv", "libsolv-tools");
        string testsolv = ExternalTool.Require("testsolv", "libsolv-tools");
        string primary = Directory.GetFiles(Path.Combine(repository, "repodata"), "*-primary.xml.gz").Single();
        string solv = Path.Combine(work, "r.solv");
        ExternalTool.Shell($"zcat '{primary}' | rpmmd2solv > '{solv}'").EnsureSuccess("rpmmd2solv");
        var text = new StringBuilder();
        text.Append("repo system 0 empty\n");
        text.Append("repo r 99 solv r.solv\n");
        text.Append("system x86_64 rpm system\n");
        for (int j = 0; j < jobs.Count; j++)
        {
            if (j > 0)
            {
                text.Append("nextjob\n");
            }

            if (!weakDeps)
            {
                text.Append("solverflags ignorerecommended\n");
            }

            foreach (string name in jobs[j])
            {
                text.Append("job install name ").Append(name).Append('\n');
            }

            text.Append("result transaction,problems <inline>\n");
        }

        string testcase = Path.Combine(work, "jobs.t");
        File.WriteAllText(testcase, text.ToString());
        string output = ExternalTool.Run(testsolv, ["-r", testcase], work).EnsureSuccess("testsolv").StandardOutput;
        var answers = new List<OracleAnswer>();
        var installs = new SortedSet<string>(StringComparer.Ordinal);
        bool problems = false, started = jobs.Count == 1;
        foreach (string line in output.Split('\n'))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            if (words[0].Equals("test", StringComparison.OrdinalIgnoreCase))
            {
                if (started)
                {
                    answers.Add(new OracleAnswer(!problems, installs, ""));
                }

                started = true;
                installs = new SortedSet<string>(StringComparer.Ordinal);
                problems = false;
            }
            else if (words[0] == "install")
            {
                installs.Add(words[1].Split('@')[0]);
            }
            else if (words[0] == "problem")
            {
                problems = true;
            }
        }

        answers.Add(new OracleAnswer(!problems, installs, ""));
        return answers;
    }

    public static List<OracleAnswer> Dnf(string repository, string work, IReadOnlyList<IReadOnlyList<string>> jobs, bool weakDeps,
        bool obsoletes = false)
    {
        string python = ExternalTool.Require("/usr/bin/python3", "python3-dnf");
        if (ExternalTool.Run(python, ["-c", "import dnf"]).ExitCode != 0)
        {
            ExternalTool.Require("python3 module dnf", "python3-dnf");
        }

        string jobsFile = Path.Combine(work, "jobs.txt");
        File.WriteAllLines(jobsFile, jobs.Select(j => string.Join(' ', j)));
        string script = Path.Combine(AppContext.BaseDirectory, "Resolution", "dnf-resolve.py");
        string output = ExternalTool.Run(python, [script, Path.GetFullPath(repository), Path.GetFullPath(work), weakDeps ? "1" : "0", jobsFile, obsoletes ? "1" : "0"])
            .EnsureSuccess("dnf-resolve.py").StandardOutput;
        var answers = new List<OracleAnswer>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("OK", StringComparison.Ordinal))
            {
                answers.Add(new OracleAnswer(true, new SortedSet<string>(line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal), ""));
            }
            else if (line.StartsWith("FAIL ", StringComparison.Ordinal))
            {
                answers.Add(new OracleAnswer(false, new SortedSet<string>(StringComparer.Ordinal), line[5..]));
            }
        }

        return answers;
    }
}
