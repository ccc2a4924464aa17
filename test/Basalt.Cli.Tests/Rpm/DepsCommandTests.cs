using System.Text.Json;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Rpm;

public sealed class DepsCommandTests
{
    public static readonly TheoryData<string> Packages =
    [
        "rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-rich-deps-1.0-1.noarch.rpm",
        "rpms/createrepo_c/tests/testdata/packages/Archer-3.4.5-6.x86_64.rpm",
        "rpms/rpm-rs/historical@2aa5d15/test_assets/rpm-sign-4.15.1-1.fc31.x86_64.rpm",
    ];

    /// <summary>Each section's lines, unindented, equal what rpm's --requires, --provides, … print.</summary>
    [Theory]
    [MemberData(nameof(Packages))]
    public void Run_Deps_SectionsMatchRpmDependencyQueries(string package)
    {
        ExternalTool.Require("rpm", "rpm");
        var path = Fixtures.Path(package);

        var result = Cli.Run("rpm", "deps", path);

        Assert.Equal(0, result.ExitCode);
        var sections = Sections(result.StandardOutput);
        string[] kinds = ["requires", "provides", "conflicts", "obsoletes", "recommends", "suggests", "supplements", "enhances"];
        foreach (var kind in kinds)
        {
            var expected = ExternalTool.Run("rpm", ["-qp", "--nosignature", "--nodigest", "--" + kind, path]).EnsureSuccess("rpm --" + kind).StandardOutput;
            var heading = char.ToUpperInvariant(kind[0]) + kind[1..] + ":";
            Assert.Equal(expected, sections.GetValueOrDefault(heading, ""));
        }
    }

    [Fact]
    public void Run_DepsJson_HasFlagsAndRichDependencies()
    {
        var result = Cli.Run("rpm", "deps", "--json", Fixtures.Path("rpms/rpm-rs/tests/assets/RPMS/v6/rpm-rich-deps-1.0-1.noarch.rpm"));

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var requires = json.RootElement.GetProperty("requires").EnumerateArray().ToArray();
        Assert.Contains(requires, d => d.GetProperty("name").GetString() == "(pkgA or pkgB)");
        var rpmlib = requires.Single(d => d.GetProperty("name").GetString() == "rpmlib(RichDependencies)");
        Assert.Equal("<=", rpmlib.GetProperty("operator").GetString());
        Assert.Equal("4.12.0-1", rpmlib.GetProperty("version").GetString());
    }

    private static Dictionary<string, string> Sections(string text)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("  ", StringComparison.Ordinal))
            {
                current = line;
                sections[current] = "";
            }
            else
            {
                sections[current!] += line[2..] + "\n";
            }
        }

        return sections;
    }
}
