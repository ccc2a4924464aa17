using System.Text.Json.Nodes;
using Basalt.TestInfrastructure;
using Basalt.Trust.Sbom;

namespace Basalt.Trust.Tests.Sbom;

/// <summary>
/// Our image SBOM has the shape of Red Hat's published container-image SPDX example: the document DESCRIBES one image
/// package, which CONTAINS every binary RPM (identified by a pkg:rpm purl), and each RPM package carries a SHA256
/// checksum and a packageFileName ending in ".rpm".
/// </summary>
public sealed class RedHatShapeTests
{
    private const string RedHatImage =
        "sbom/redhat-security-data-guidelines/sbom/examples/container_image/release/ubi9-micro-container-9.4-6.1716471860_amd64.spdx.json";

    public static TheoryData<string> Documents() => ["redhat", "basalt"];

    [Theory]
    [MemberData(nameof(Documents))]
    public void ImageDocument_DescribesImageThatContainsEveryRpm(string which)
    {
        var document = which == "redhat"
            ? JsonNode.Parse(File.ReadAllBytes(Fixtures.Path(RedHatImage)))!
            : JsonNode.Parse(SpdxWriter.Write(SampleBuild.Create()))!;
        var relationships = document["relationships"]!.AsArray()
            .Select(r => (From: r!["spdxElementId"]!.GetValue<string>(), Type: r["relationshipType"]!.GetValue<string>(), To: r["relatedSpdxElement"]!.GetValue<string>()))
            .ToList();
        var rpms = document["packages"]!.AsArray()
            .Where(p => p!["externalRefs"]?.AsArray().Any(e => IsBinaryRpmPurl(e!["referenceLocator"]!.GetValue<string>())) == true)
            .ToList();

        var image = Assert.Single(relationships, r => r.From == "SPDXRef-DOCUMENT" && r.Type == "DESCRIBES").To;
        var contained = relationships.Where(r => r.From == image && r.Type == "CONTAINS").Select(r => r.To).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(rpms);
        Assert.All(rpms, p =>
        {
            Assert.Contains(p!["SPDXID"]!.GetValue<string>(), contained);
            Assert.EndsWith(".rpm", p["packageFileName"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("SHA256", p["checksums"]![0]!["algorithm"]!.GetValue<string>());
        });
    }

    private static bool IsBinaryRpmPurl(string purl) =>
        purl.StartsWith("pkg:rpm/", StringComparison.Ordinal) && !purl.Contains("arch=src", StringComparison.Ordinal);
}
