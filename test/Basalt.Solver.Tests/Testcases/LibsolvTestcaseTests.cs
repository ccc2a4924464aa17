using Basalt.TestInfrastructure;

namespace Basalt.Solver.Tests.Testcases;

/// <summary>
/// libsolv's own test suite (test/testcases/**/*.t): every section whose jobs Basalt supports is solved and compared
/// with the expected transaction (or "has problems"). Sections whose expected result is a rule or proof dump are
/// compared with testsolv's transaction for the same case. Unsupported sections are skipped with the reason.
/// </summary>
public sealed class LibsolvTestcaseTests
{
    private const string Folder = "solver/libsolv/test/testcases";

    public static TheoryData<string, int> Sections()
    {
        var data = new TheoryData<string, int>();
        string root = Fixtures.Path(Folder);
        foreach (string file in Directory.GetFiles(root, "*.t", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var testcase = TestcaseReader.Read(file);
            for (int i = 0; i < testcase.Sections.Count; i++)
            {
                data.Add(Path.GetRelativePath(root, file), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Solve_LibsolvTestcase_MatchesExpectedTransaction(string file, int section)
    {
        string path = Path.Combine(Fixtures.Path(Folder), file);
        var testcase = TestcaseReader.Read(path);
        var current = testcase.Sections[section];
        string? reason = TestcaseRunner.WhyUnsupported(testcase, current);
        if (reason is not null)
        {
            Assert.Skip("not supported: " + reason);
        }

        TestcaseOutcome expected;
        if (current.ResultTypes.Split(',').Contains("transaction"))
        {
            expected = TestcaseOutcome.FromResultLines(current.ResultLines);
        }
        else
        {
            string testsolv = ExternalTool.Require("testsolv", "libsolv-tools");
            expected = TestcaseRunner.FromTestsolv(path, testsolv)[section];
        }

        var actual = TestcaseRunner.Run(testcase, current);
        Assert.True(expected.SameAs(actual), $"expected:\n{expected}\nactual:\n{actual}");
    }
}
