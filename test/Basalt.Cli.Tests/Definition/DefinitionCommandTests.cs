using System.Text.Json;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Definition;

public sealed class DefinitionCommandTests
{
    private static string SamplePath => Path.Combine(Fixtures.RepoRoot, "samples", "container-host", "image.yaml");

    [Fact]
    public void Validate_Sample_ExitsZeroWithSummary()
    {
        var result = Cli.Run("validate", SamplePath);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(
            $"'{SamplePath}' is valid: container-host 2026.11.0 (x86_64), 3 packages from 1 repository, outputs: raw, vhd, qcow2, cosi, oci.\n",
            result.StandardOutput);
        Assert.Empty(result.StandardError);
    }

    [Fact]
    public void Validate_InvalidDefinition_ExitsTwoListingEveryError()
    {
        using var directory = new TempDirectory("cli-validate");
        var file = directory.Path("image.yaml");
        File.WriteAllText(file, """
            name: web
            version: "1.0"
            repositories:
              - id: base
                baseurl: https://example.org/base
                gpgcheck: false
            packages:
              install: [nginx]
            users:
              - name: web
                uid: 1000
              - name: app
                uid: 1000
            disk:
              partitions: {verty: 8M}

            """);

        var result = Cli.Run("validate", file);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Equal(
            $"basalt: error: '{file}' is not a valid image definition (2 errors):\n"
            + "  users[1].uid (line 13, column 10): uid 1000 is already used by 'web'\n"
            + "  disk.partitions.verty (line 15, column 16): unknown key 'verty'; did you mean 'verity'?\n",
            result.StandardError);
    }

    [Fact]
    public void Validate_MissingFile_ExitsTwo()
    {
        var result = Cli.Run("validate", "/nonexistent/image.yaml");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("basalt: error: The image definition '/nonexistent/image.yaml' does not exist.\n", result.StandardError);
    }

    [Fact]
    public void Schema_Prints_TheDraft202012Schema()
    {
        var result = Cli.Run("schema");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var schema = JsonDocument.Parse(result.StandardOutputBytes);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.True(schema.RootElement.GetProperty("properties").TryGetProperty("os_release", out _));
        Assert.EndsWith("}\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schema")]
    [InlineData("validate")]
    public void Help_Lists_DefinitionCommands(string command)
    {
        var result = Cli.Run("--help");

        Assert.Contains(command, result.StandardOutput, StringComparison.Ordinal);
    }
}
