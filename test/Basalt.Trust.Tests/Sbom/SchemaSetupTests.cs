using Basalt.TestInfrastructure;

namespace Basalt.Trust.Tests.Sbom;

/// <summary>The schema validator itself is trustworthy: it accepts and rejects CycloneDX's own 1.6 test documents.</summary>
public sealed class SchemaSetupTests
{
    private const string Resources = "sbom/cyclonedx-specification/tools/src/test/resources/1.6";

    public static TheoryData<string> Invalid() => [.. Fixtures.Files(Resources, "invalid-*-1.6.json").Select(f => Path.GetFileName(f))];

    public static TheoryData<string> Valid() => [.. Fixtures.Files(Resources, "valid-*-1.6.json").Select(f => Path.GetFileName(f))];

    [Fact]
    public void OfficialTestDocuments_AllTwentyFiveInvalidPresent()
    {
        Assert.Equal(25, Invalid().Count);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void ValidateCycloneDx_OfficialInvalidDocument_Rejected(string file)
    {
        Assert.NotEmpty(SbomSchemas.ValidateCycloneDx(File.ReadAllBytes(Fixtures.Path(Resources + "/" + file))));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void ValidateCycloneDx_OfficialValidDocument_Accepted(string file)
    {
        Assert.Empty(SbomSchemas.ValidateCycloneDx(File.ReadAllBytes(Fixtures.Path(Resources + "/" + file))));
    }

    [Fact]
    public void ValidateSpdx_OfficialExample_AcceptedAndDamagedRejected()
    {
        var example = File.ReadAllBytes(Fixtures.Path("sbom/spdx-spec@2.3.1/examples/SPDXJSONExample-v2.3.spdx.json"));
        Assert.Empty(SbomSchemas.ValidateSpdx(example));

        var damaged = System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(example).Replace("\"SPDXID\" : \"SPDXRef-DOCUMENT\"", "\"SPDXID\" : 7", StringComparison.Ordinal));
        Assert.NotEqual(example, damaged);
        Assert.NotEmpty(SbomSchemas.ValidateSpdx(damaged));
    }
}
