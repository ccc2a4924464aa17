using Basalt.EndToEnd.Tests.Build;
using Basalt.TestInfrastructure;
using Json.Schema;

namespace Basalt.EndToEnd.Tests.Trust;

/// <summary>
/// The trust chain of a real build: the SBOMs validate against the official schemas, <c>basalt verify</c> accepts the
/// folder with the right key and rejects a foreign key and a one-byte change to any file in it.
/// </summary>
[Collection(SignedBuildGroup.Name)]
public sealed class SignedBuildTests(SignedBuildFixture build)
{
    [Fact]
    public void Output_HoldsTheTrustChainFiles()
    {
        foreach (var suffix in new[] { ".spdx.json", ".cdx.json", ".provenance.json" })
        {
            Assert.True(File.Exists(build.Artifact(suffix)), suffix);
        }

        Assert.True(File.Exists(Path.Combine(build.Output, "SHA256SUMS")));
        Assert.True(File.Exists(Path.Combine(build.Output, "SHA256SUMS.sig")));
    }

    [Fact]
    public void Sha256Sums_IsAcceptedBySha256sumCheck()
    {
        var result = ExternalTool.Run(ExternalTool.Require("sha256sum", "coreutils"), ["--check", "--strict", "SHA256SUMS"], workingDirectory: build.Output);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("basalt.lock: OK", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".spdx.json", "sbom/spdx-spec@2.3.1/schemas/spdx-schema.json")]
    [InlineData(".cdx.json", "sbom/cyclonedx-specification/schema/bom-1.6.schema.json")]
    public void Sbom_ValidatesAgainstTheOfficialSchema(string suffix, string schemaPath)
    {
        var folder = Path.GetDirectoryName(Fixtures.Path(schemaPath))!;
        foreach (var file in Directory.GetFiles(folder, "*.schema.json").Append(Fixtures.Path(schemaPath)).Distinct())
        {
            SchemaRegistry.Global.Register(JsonSchema.FromFile(file));
        }

        var schema = JsonSchema.FromFile(Fixtures.Path(schemaPath));
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(build.Artifact(suffix)));

        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10)));
    }

    [Fact]
    public void Verify_WithTheSigningKey_PassesEveryCheck()
    {
        var result = BasaltProcess.Run(["verify", build.Output, "--key", build.PublicKey]);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("OK   provenance signature:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("OK   COSI osPackages = SBOM: 5 packages", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FilesThatAreNotTheBuilds_AreIgnored()
    {
        // The repository beside the artefacts is not part of the build; changing it changes nothing the build signed.
        var stranger = Directory.GetFiles(build.Repository, "*.rpm")[0];
        var original = ByteFlip.Flip(stranger, 100);
        try
        {
            var result = BasaltProcess.Run(["verify", build.Output, "--key", build.PublicKey]);

            Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        }
        finally
        {
            ByteFlip.Restore(stranger, 100, original);
        }
    }

    [Fact]
    public void Verify_WithAForeignKey_FailsOnTheProvenanceSignature()
    {
        var result = BasaltProcess.Run(["verify", build.Output, "--key", build.ForeignPublicKey]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("basalt: verification failed: provenance signature:", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OneByteChangedInAnyFile_Fails()
    {
        var files = Directory.EnumerateFiles(build.Output, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".report.json", StringComparison.Ordinal) && !f.StartsWith(build.Repository, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 12, string.Join(", ", files));
        foreach (var file in files)
        {
            var length = new FileInfo(file).Length;
            var offset = length / 2;
            var original = ByteFlip.Flip(file, offset);
            try
            {
                var result = BasaltProcess.Run(["verify", build.Output, "--key", build.PublicKey]);
                Assert.True(result.ExitCode == 1, $"a change at byte {offset} of {Path.GetRelativePath(build.Output, file)} was not caught:\n{result.StandardOutput}");
            }
            finally
            {
                ByteFlip.Restore(file, offset, original);
            }
        }

        Assert.Equal(0, BasaltProcess.Run(["verify", build.Output, "--key", build.PublicKey]).ExitCode);
    }
}

/// <summary>The signed build is made once for the verify and rebuild tests.</summary>
[CollectionDefinition(Name)]
public sealed class SignedBuildGroup : ICollectionFixture<SignedBuildFixture>
{
    public const string Name = "signed build";
}
