using System.Text;
using System.Text.Json;
using Basalt.Trust.Dsse;
using Basalt.Trust.Provenance;
using Basalt.Trust.Signing;

namespace Basalt.Trust.Tests.Provenance;

public sealed class ProvenanceStatementTests
{
    [Fact]
    public void Write_Sample_HasStatementAndSlsaRequiredFields()
    {
        var build = SampleBuild.Create();
        using var json = JsonDocument.Parse(ProvenanceStatement.Write(build));
        var root = json.RootElement;

        Assert.Equal("https://in-toto.io/Statement/v1", root.GetProperty("_type").GetString());
        Assert.Equal("https://slsa.dev/provenance/v1", root.GetProperty("predicateType").GetString());
        var definition = root.GetProperty("predicate").GetProperty("buildDefinition");
        Assert.Equal(ProvenanceStatement.BuildType, definition.GetProperty("buildType").GetString());
        var external = definition.GetProperty("externalParameters");
        Assert.Equal(build.DefinitionPath, external.GetProperty("definition").GetProperty("path").GetString());
        Assert.Equal(build.DefinitionSha256, external.GetProperty("definition").GetProperty("digest").GetProperty("sha256").GetString());
        Assert.Equal(["arch", "lockfile"], external.GetProperty("options").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1_764_000_000, definition.GetProperty("internalParameters").GetProperty("sourceDateEpoch").GetInt64());
        Assert.Equal(build.Seed, definition.GetProperty("internalParameters").GetProperty("seed").GetString());
        var run = root.GetProperty("predicate").GetProperty("runDetails");
        Assert.Equal(ProvenanceStatement.BuilderId, run.GetProperty("builder").GetProperty("id").GetString());
        Assert.Equal("0.1.0+abc123", run.GetProperty("builder").GetProperty("version").GetProperty("basalt").GetString());
        Assert.Equal(build.InvocationId, run.GetProperty("metadata").GetProperty("invocationId").GetString());
        Assert.Equal("2025-11-24T16:00:00Z", run.GetProperty("metadata").GetProperty("startedOn").GetString());
        Assert.Equal("2025-11-24T16:00:01.5Z", run.GetProperty("metadata").GetProperty("finishedOn").GetString());
    }

    [Fact]
    public void Write_Sample_SubjectsAreEveryArtefactSortedByName()
    {
        var build = SampleBuild.Create();
        using var json = JsonDocument.Parse(ProvenanceStatement.Write(build));

        var subjects = json.RootElement.GetProperty("subject").EnumerateArray()
            .Select(s => new BuildArtifact(s.GetProperty("name").GetString()!, s.GetProperty("digest").GetProperty("sha256").GetString()!,
                s.GetProperty("annotations").GetProperty("bytes").GetInt64()))
            .ToList();

        Assert.Equal(build.Artifacts.OrderBy(a => a.Name, StringComparer.Ordinal), subjects);
    }

    [Fact]
    public void Write_Sample_ResolvesEveryRpmRepositoryAndBasalt()
    {
        var build = SampleBuild.Create();
        using var json = JsonDocument.Parse(ProvenanceStatement.Write(build));
        var dependencies = json.RootElement.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("resolvedDependencies")
            .EnumerateArray().ToList();

        Assert.Equal(build.Packages.Count + build.Repositories.Count + 1, dependencies.Count);
        foreach (var package in build.Packages)
        {
            var entry = Assert.Single(dependencies, d => d.GetProperty("uri").GetString() == package.Uri);
            Assert.Equal(package.Sha256, entry.GetProperty("digest").GetProperty("sha256").GetString());
            Assert.Equal(package.Nevra, entry.GetProperty("name").GetString());
        }

        var repomd = Assert.Single(dependencies, d => d.GetProperty("uri").GetString() == "https://repo.example.org/updates/x86_64/repodata/repomd.xml");
        Assert.Equal(SampleBuild.Sha("repomd-updates"), repomd.GetProperty("digest").GetProperty("sha256").GetString());
        Assert.Single(dependencies, d => d.GetProperty("uri").GetString() == "file:///srv/repos/base/repodata/repomd.xml");
        var basalt = dependencies[^1];
        Assert.Equal("pkg:generic/basalt@0.1.0%2Babc123", basalt.GetProperty("uri").GetString());
        Assert.Equal("0.1.0+abc123", basalt.GetProperty("annotations").GetProperty("version").GetString());
    }

    [Fact]
    public void Write_ShuffledInputs_SameBytes()
    {
        var build = SampleBuild.Create();
        var shuffled = build with
        {
            Packages = [.. build.Packages.Reverse()],
            Repositories = [.. build.Repositories.Reverse()],
            Artifacts = [.. build.Artifacts.Reverse()],
            Options = build.Options.Reverse().ToDictionary(),
        };

        Assert.Equal(ProvenanceStatement.Write(build), ProvenanceStatement.Write(build));
        Assert.Equal(ProvenanceStatement.Write(build), ProvenanceStatement.Write(shuffled));
    }

    [Fact]
    public void Write_Sample_IsIndentedUtf8WithReadableNevras()
    {
        var text = Encoding.UTF8.GetString(ProvenanceStatement.Write(SampleBuild.Create()));

        Assert.StartsWith("{\n  \"_type\": \"https://in-toto.io/Statement/v1\",\n  \"subject\": [\n", text);
        Assert.EndsWith("}\n", text);
        Assert.Contains("\"name\": \"libstdc++-14.2.1-1.basalt.x86_64\"", text);
        Assert.DoesNotContain("\r", text);
    }

    [Fact]
    public void Write_BadDigest_Throws()
    {
        var build = SampleBuild.Create() with { DefinitionSha256 = "ABC" };

        var error = Assert.Throws<ArgumentException>(() => ProvenanceStatement.Write(build));

        Assert.StartsWith("'ABC' is not a lowercase hex SHA-256 digest.", error.Message);
    }

    [Fact]
    public void Read_Written_ReturnsSubjectsDependenciesAndDefinition()
    {
        var build = SampleBuild.Create();

        var summary = ProvenanceStatement.Read(ProvenanceStatement.Write(build), "p.json");

        Assert.Equal(build.Artifacts.OrderBy(a => a.Name, StringComparer.Ordinal), summary.Subjects);
        Assert.Equal(build.DefinitionSha256, summary.DefinitionSha256);
        Assert.Equal(build.Packages.Count + build.Repositories.Count, summary.ResolvedDependencies.Count);
        Assert.Contains((build.Packages[2].Uri, build.Packages[2].Sha256), summary.ResolvedDependencies);
    }

    [Fact]
    public void Read_SignedEnvelopePayload_RoundTrips()
    {
        var signer = new Ed25519Signer(new byte[32], "k");
        var envelope = DsseEnvelope.Sign(ProvenanceStatement.PayloadType, ProvenanceStatement.Write(SampleBuild.Create()), signer);
        var parsed = DsseEnvelope.ParseCanonical(envelope.ToJson(), "p.provenance.json");

        Assert.True(parsed.Verify(new Ed25519Verifier(signer.PublicKey, "k"), 1));
        Assert.Equal(3, ProvenanceStatement.Read(parsed.Payload, "p.provenance.json").Subjects.Count);
    }

    [Theory]
    [InlineData("\"_type\": \"https://in-toto.io/Statement/v1\"", "\"_type\": \"https://in-toto.io/Statement/v0.1\"",
        "Provenance 'p.json': '$._type' is 'https://in-toto.io/Statement/v0.1', expected 'https://in-toto.io/Statement/v1'.")]
    [InlineData("\"buildType\": \"https://basalt.example/build/image/v1\"", "\"buildType\": \"https://example.com/other\"",
        "Provenance 'p.json': '$.predicate.buildDefinition.buildType' is 'https://example.com/other', expected 'https://basalt.example/build/image/v1'.")]
    [InlineData("\"subject\": [", "\"subjects\": [",
        "Provenance 'p.json': '$.subject' is missing.")]
    public void Read_Changed_ThrowsNamingPath(string from, string to, string message)
    {
        var text = Encoding.UTF8.GetString(ProvenanceStatement.Write(SampleBuild.Create())).Replace(from, to, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ProvenanceStatement.Read(Encoding.UTF8.GetBytes(text), "p.json"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Read_BadSubjectDigest_ThrowsNamingIndex()
    {
        var build = SampleBuild.Create();
        var text = Encoding.UTF8.GetString(ProvenanceStatement.Write(build)).Replace(SampleBuild.Sha("raw"), "00", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ProvenanceStatement.Read(Encoding.UTF8.GetBytes(text), "p.json"));

        Assert.Equal("Provenance 'p.json': '$.subject[2].digest.sha256' is not 64 lowercase hex digits.", error.Message);
    }

    [Fact]
    public void Read_DuplicateKey_Throws()
    {
        var text = Encoding.UTF8.GetString(ProvenanceStatement.Write(SampleBuild.Create()))
            .Replace("\"_type\": \"https://in-toto.io/Statement/v1\",", "\"_type\": \"https://in-toto.io/Statement/v1\", \"_type\": \"x\",", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ProvenanceStatement.Read(Encoding.UTF8.GetBytes(text), "p.json"));

        Assert.StartsWith("Provenance 'p.json' is not valid JSON", error.Message);
    }
}
