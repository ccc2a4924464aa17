using System.Text.Json;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Build;

/// <summary>
/// The README's main job, done once for all the tests that inspect its output: the sample packages built into RPMs
/// and indexed by Basalt, then the container-host image built twice — from different working folders, time zones and
/// locales, the second from the first's lockfile — so every artefact can be compared byte for byte.
/// </summary>
public sealed class SampleImageFixture : IDisposable
{
    private readonly TempDirectory _root = new("basalt-sample-image");

    public SampleImageFixture()
    {
        Repository = _root.Path("repo");
        SampleRepository.Build(Repository);
        First = _root.Path("first");
        Second = _root.Path("second");
        FirstRun = BasaltProcess.Run(["build", Definition, "-o", First, "--repo", "basalt-samples=" + Repository, "--json"],
            new Dictionary<string, string> { ["TZ"] = "UTC", ["LC_ALL"] = "C.UTF-8" }, workingDirectory: _root.FullPath);
        FirstRun.EnsureSuccess("the first sample build");
        Directory.CreateDirectory(_root.Path("elsewhere"));
        SecondRun = BasaltProcess.Run(["build", Definition, "-o", Second, "--repo", "basalt-samples=" + Repository, "--lock", Path.Combine(First, "basalt.lock")],
            new Dictionary<string, string> { ["TZ"] = "Pacific/Chatham", ["LC_ALL"] = "tr_TR.UTF-8", ["LANG"] = "tr_TR.UTF-8" },
            workingDirectory: _root.Path("elsewhere"));
        SecondRun.EnsureSuccess("the second sample build");
        Report = JsonDocument.Parse(FirstRun.StandardOutputBytes);
    }

    public static string Definition => Path.Combine(Fixtures.RepoRoot, "samples", "container-host", "image.yaml");

    public string Repository { get; }

    /// <summary>The output folder of the first build.</summary>
    public string First { get; }

    /// <summary>The output folder of the second build (other folder, time zone and locale; from the first's lockfile).</summary>
    public string Second { get; }

    public ToolResult FirstRun { get; }

    public ToolResult SecondRun { get; }

    /// <summary>The first build's report, as <c>--json</c> printed it.</summary>
    public JsonDocument Report { get; }

    public string Artifact(string extension) => Path.Combine(First, "container-host-2026.11.0" + extension);

    public string Scratch(string name)
    {
        var path = _root.Path("scratch", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public void Dispose()
    {
        Report.Dispose();
        _root.Dispose();
    }
}
