using System.Text;
using Basalt.TestInfrastructure;

namespace Basalt.Packaging.Tests;

/// <summary>
/// Batches questions to python3-rpm (rpm 4.18's own comparison code) in one process: one request per line,
/// tab-separated fields, each field "N" for None or "S" followed by the string.
/// </summary>
internal static class PythonRpm
{
    public const string Python = "/usr/bin/python3";

    /// <summary>labelCompare over lines "e1 v1 r1 e2 v2 r2".</summary>
    public const string LabelCompareScript = """
        import sys, rpm
        def f(s): return None if s == "N" else s[1:]
        out = []
        for line in sys.stdin.buffer.read().decode("utf-8").split("\n"):
            if not line: continue
            x = line.split("\t")
            out.append(str(rpm.labelCompare((f(x[0]), f(x[1]), f(x[2])), (f(x[3]), f(x[4]), f(x[5])))))
        sys.stdout.write("\n".join(out) + "\n")
        """;

    /// <summary>rpm.ds Compare over lines "name1 flags1 evr1 name2 flags2 evr2" (provide, then requirement).</summary>
    public const string DsCompareScript = """
        import sys, rpm
        def f(s): return "" if s == "N" else s[1:]
        out = []
        for line in sys.stdin.buffer.read().decode("utf-8").split("\n"):
            if not line: continue
            x = line.split("\t")
            p = rpm.ds((f(x[0]), int(f(x[1])), f(x[2])), rpm.RPMTAG_PROVIDENAME)
            r = rpm.ds((f(x[3]), int(f(x[4])), f(x[5])), rpm.RPMTAG_REQUIRENAME)
            out.append("1" if p.Compare(r) else "0")
        sys.stdout.write("\n".join(out) + "\n")
        """;

    public static string Field(string? value) => value is null ? "N" : "S" + value;

    /// <summary>Runs <paramref name="script"/> over <paramref name="lines"/>; returns one output line per input line.</summary>
    public static string[] Run(string script, IReadOnlyList<string> lines)
    {
        ExternalTool.Require(Python, "python3-rpm");
        var probe = ExternalTool.Run(Python, ["-c", "import rpm"]);
        if (probe.ExitCode != 0)
        {
            ExternalTool.Require("/nonexistent/python3-rpm", "python3-rpm");
        }

        var input = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        var result = ExternalTool.Run(Python, ["-c", script], stdin: input).EnsureSuccess("python3-rpm");
        var output = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Count, output.Length);
        return output;
    }
}
