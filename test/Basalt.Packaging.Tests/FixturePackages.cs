using Basalt.TestInfrastructure;

namespace Basalt.Packaging.Tests;

/// <summary>Asks rpm about every fixture package at once (one rpm process; unreadable fixtures are skipped by rpm).</summary>
internal static class FixturePackages
{
    public static string[] Query(string queryFormat)
    {
        var rpm = ExternalTool.Require("rpm", "rpm");
        var files = Fixtures.Files(".", "*.rpm");
        var result = ExternalTool.Run(rpm, ["-qp", "--nosignature", "--nodigest", "--qf", queryFormat, .. files]);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
    }
}
