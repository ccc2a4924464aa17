using Basalt.Compose.Definition;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Definition;

/// <summary>Small definitions for tests: a valid minimal one, and a loader that returns the errors of an invalid one.</summary>
internal static class DefinitionFixture
{
    /// <summary>The smallest valid definition; lines 1–7, so appended keys start on line 8.</summary>
    public const string Minimal = """
        name: test
        version: 1.0.0
        repositories:
          - id: local
            path: repo
            gpgcheck: false
        packages: {install: [hello-sh]}

        """;

    public static string SamplePath => Path.Combine(Fixtures.RepoRoot, "samples", "container-host", "image.yaml");

    public static ImageDefinition Load(string yaml)
    {
        using var directory = new TempDirectory("compose-def");
        File.WriteAllText(directory.Path("present.conf"), "x\n");
        return DefinitionLoader.Parse(yaml, directory.FullPath, "image.yaml");
    }

    /// <summary>The error lines of an invalid definition, as <c>basalt validate</c> prints them.</summary>
    public static string[] Errors(string yaml)
    {
        var exception = Assert.Throws<DefinitionException>(() => Load(yaml));
        Assert.Equal(exception.Errors.Count, exception.Message.Split('\n').Length - 1);
        return exception.Errors.Select(e => e.ToString()).ToArray();
    }
}
