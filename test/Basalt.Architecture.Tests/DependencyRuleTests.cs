using Basalt.TestInfrastructure;

namespace Basalt.Architecture.Tests;

/// <summary>Enforces the dependency rule of ARCHITECTURE.md by reading the project graph.</summary>
public sealed class DependencyRuleTests
{
    /// <summary>
    /// The layers, each with the projects it may reference directly. A new project fails this test
    /// until it is placed here: where a project sits is a decision, not an accident.
    /// </summary>
    private static readonly Dictionary<string, string[]> AllowedReferences = new(StringComparer.Ordinal)
    {
        ["Basalt.IO"] = [],
        ["Basalt.Packaging"] = [],
        ["Basalt.Compression"] = ["Basalt.IO"],
        ["Basalt.Rpm"] = ["Basalt.IO", "Basalt.Compression", "Basalt.Packaging"],
        ["Basalt.Repositories"] = ["Basalt.IO", "Basalt.Compression", "Basalt.Packaging", "Basalt.Rpm"],
        ["Basalt.Solver"] = ["Basalt.Packaging"],
        ["Basalt.Imaging"] = ["Basalt.IO", "Basalt.Compression"],
        ["Basalt.Compose"] = ["Basalt.IO", "Basalt.Compression", "Basalt.Packaging", "Basalt.Rpm", "Basalt.Repositories", "Basalt.Solver", "Basalt.Imaging"],
        ["Basalt.Trust"] = ["Basalt.IO", "Basalt.Packaging", "Basalt.Rpm", "Basalt.Compose", "Basalt.Imaging", "Basalt.Solver", "Basalt.Repositories"],
        ["Basalt.Cli"] = ["*"],
    };

    /// <summary>The pure layers never reference logging, DI, HTTP or databases.</summary>
    private static readonly string[] PureLayers =
        ["Basalt.IO", "Basalt.Compression", "Basalt.Packaging", "Basalt.Rpm", "Basalt.Solver", "Basalt.Imaging"];

    private static readonly string[] ForbiddenInPureLayers =
    [
        "Microsoft.Extensions.Logging", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Http",
        "System.Net.Http", "Npgsql", "Microsoft.Data.Sqlite", "Serilog", "NLog", "Dapper", "Microsoft.EntityFrameworkCore",
    ];

    private static readonly ProjectGraph Graph = ProjectGraph.Load(Fixtures.RepoRoot);

    [Fact]
    public void Projects_EveryProject_IsPlacedInALayer()
    {
        var unplaced = Graph.Projects.Keys.Where(p => !AllowedReferences.ContainsKey(p)).ToArray();
        Assert.True(unplaced.Length == 0, $"Projects without a layer in DependencyRuleTests: {string.Join(", ", unplaced)}");
        Assert.Contains("Basalt.Rpm", Graph.Projects.Keys);
    }

    [Fact]
    public void ProjectReferences_EveryReference_IsAllowedByItsLayer()
    {
        var violations = new List<string>();
        foreach (var node in Graph.Projects.Values)
        {
            if (!AllowedReferences.TryGetValue(node.Name, out var allowed) || allowed is ["*"])
            {
                continue;
            }

            violations.AddRange(node.ProjectReferences
                .Where(r => !allowed.Contains(r, StringComparer.Ordinal))
                .Select(r => $"{node.Name} -> {r}"));
        }

        Assert.True(violations.Count == 0, "Forbidden project references: " + string.Join("; ", violations));
    }

    [Fact]
    public void ProjectReferences_NothingReferencesTheCompositionRoot()
    {
        var offenders = Graph.Projects.Values
            .Where(p => p.ProjectReferences.Contains("Basalt.Cli", StringComparer.Ordinal))
            .Select(p => p.Name)
            .ToArray();
        Assert.Empty(offenders);
    }

    [Fact]
    public void PackageReferences_PureLayers_HaveNoLoggingDiHttpOrDatabase()
    {
        var violations = new List<string>();
        foreach (var layer in PureLayers.Where(Graph.Projects.ContainsKey))
        {
            foreach (var project in Graph.Closure(layer).Append(layer).Where(Graph.Projects.ContainsKey))
            {
                violations.AddRange(Graph.Projects[project].PackageReferences
                    .Where(package => ForbiddenInPureLayers.Any(f => package.StartsWith(f, StringComparison.OrdinalIgnoreCase)))
                    .Select(package => $"{layer} (via {project}) -> {package}"));
            }
        }

        Assert.True(violations.Count == 0, "Pure layers reference forbidden packages: " + string.Join("; ", violations));
    }

    [Fact]
    public void Sources_PureLayers_DoNotUseHttpClient()
    {
        var offenders = PureLayers
            .Where(Graph.Projects.ContainsKey)
            .SelectMany(layer => Directory.GetFiles(Path.GetDirectoryName(Graph.Projects[layer].Path)!, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && File.ReadAllText(file).Contains("HttpClient", StringComparison.Ordinal))
            .ToArray();
        Assert.Empty(offenders);
    }

    [Fact]
    public void ProjectGraph_HasNoCycles()
    {
        foreach (var name in Graph.Projects.Keys)
        {
            Assert.DoesNotContain(name, Graph.Closure(name));
        }
    }
}
