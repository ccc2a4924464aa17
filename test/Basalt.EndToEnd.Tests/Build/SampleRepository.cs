using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Build;

/// <summary>The sample packages (samples/packages) built into RPMs and indexed by the basalt CLI, as samples/run.sh does.</summary>
internal static class SampleRepository
{
    public static void Build(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var manifest in Directory.GetFiles(Path.Combine(Fixtures.RepoRoot, "samples", "packages"), "package.yaml", SearchOption.AllDirectories)
                     .Order(StringComparer.Ordinal))
        {
            BasaltProcess.RunChecked("rpm", "build", manifest, "-o", directory);
        }

        BasaltProcess.RunChecked("repo", "index", directory);
    }
}
