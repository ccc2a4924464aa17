using System.Text;
using System.Text.Json.Nodes;
using Basalt.Trust.Sbom;

namespace Basalt.Trust.Tests.Sbom;

public sealed class SbomReaderTests
{
    private static readonly BuildRecord Build = SampleBuild.Create();

    private static IEnumerable<SbomPackage> Expected =>
        Build.Packages.OrderBy(p => p.Nevra, StringComparer.Ordinal).Select(p => new SbomPackage(p.Nevra, p.Sha256, PackageUrl.ForRpm(p, Build)));

    [Fact]
    public void ReadSpdx_WrittenDocument_RoundTripsPackages()
    {
        Assert.Equal(Expected, SbomReader.ReadSpdx(new MemoryStream(SpdxWriter.Write(Build)), "image.spdx.json"));
    }

    [Fact]
    public void ReadCycloneDx_WrittenBom_RoundTripsPackages()
    {
        Assert.Equal(Expected, SbomReader.ReadCycloneDx(new MemoryStream(CycloneDxWriter.Write(Build)), "image.cdx.json"));
    }

    [Fact]
    public void ArtifactsSpdx_WrittenDocument_RoundTripsArtifacts()
    {
        Assert.Equal(Build.Artifacts.OrderBy(a => a.Name, StringComparer.Ordinal),
            SbomReader.ArtifactsSpdx(new MemoryStream(SpdxWriter.Write(Build)), "image.spdx.json"));
    }

    public static TheoryData<string, string> SpdxDamage() => new()
    {
        { "$.spdxVersion=\"SPDX-2.2\"", "'image.spdx.json': '$.spdxVersion' is 'SPDX-2.2', expected 'SPDX-2.3'." },
        { "$.packages=null", "'image.spdx.json': '$.packages' must be an array." },
        { "$.packages[1].checksums[0].checksumValue=\"XYZ\"", "'image.spdx.json': '$.packages[1].checksums[0].checksumValue' is not a SHA-256 digest ('XYZ')." },
        { "$.packages[1].checksums[0].algorithm=\"SHA1\"", "'image.spdx.json': '$.packages[1].checksums' has no SHA256 checksum." },
        { "$.packages[2].externalRefs=[]", "'image.spdx.json': '$.packages[2].externalRefs' has no purl." },
        { "$.packages[2].annotations[0].comment=5", "'image.spdx.json': '$.packages[2].annotations[0].comment' must be a string." },
        { "$.packages[3]=\"x\"", "'image.spdx.json': '$.packages[3]' must be an object." },
    };

    [Theory]
    [MemberData(nameof(SpdxDamage))]
    public void ReadSpdx_Damaged_ErrorNamesFileAndPath(string damage, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => SbomReader.ReadSpdx(Damage(SpdxWriter.Write(Build), damage), "image.spdx.json"));

        Assert.Equal(message, error.Message);
    }

    public static TheoryData<string, string> ArtifactDamage() => new()
    {
        { "$.files[0].fileName=\"basalt-demo.cosi\"", "'image.spdx.json': '$.files[0].fileName' is not a relative path starting with './' ('basalt-demo.cosi')." },
        { "$.files[1].annotations=[]", "'image.spdx.json': '$.files[1].annotations' has no 'basalt:bytes=' annotation." },
        { "$.files[2].annotations[0].comment=\"basalt:bytes=-1\"", "'image.spdx.json': '$.files[2].annotations' has a size that is not a number ('-1')." },
        { "$.files[2].checksums=\"x\"", "'image.spdx.json': '$.files[2].checksums' must be an array." },
    };

    [Theory]
    [MemberData(nameof(ArtifactDamage))]
    public void ArtifactsSpdx_Damaged_ErrorNamesFileAndPath(string damage, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => SbomReader.ArtifactsSpdx(Damage(SpdxWriter.Write(Build), damage), "image.spdx.json"));

        Assert.Equal(message, error.Message);
    }

    public static TheoryData<string, string> CycloneDxDamage() => new()
    {
        { "$.bomFormat=\"SPDX\"", "'image.cdx.json': '$.bomFormat' is 'SPDX', expected 'CycloneDX'." },
        { "$.specVersion=\"1.5\"", "'image.cdx.json': '$.specVersion' is '1.5', expected '1.6'." },
        { "$.components[0].hashes=[]", "'image.cdx.json': '$.components[0].hashes' has no SHA-256 hash." },
        { "$.components[1].hashes[0].content=\"ABC\"", "'image.cdx.json': '$.components[1].hashes[0].content' is not a SHA-256 digest ('ABC')." },
        { "$.components[2].purl=null", "'image.cdx.json': '$.components[2].purl' must be a string." },
        { "$.components[3].properties[0].name=7", "'image.cdx.json': '$.components[3].properties[0].name' must be a string." },
    };

    [Theory]
    [MemberData(nameof(CycloneDxDamage))]
    public void ReadCycloneDx_Damaged_ErrorNamesFileAndPath(string damage, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => SbomReader.ReadCycloneDx(Damage(CycloneDxWriter.Write(Build), damage), "image.cdx.json"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ReadCycloneDx_MissingPurl_Named()
    {
        var bom = JsonNode.Parse(CycloneDxWriter.Write(Build))!;
        bom["components"]![4]!.AsObject().Remove("purl");

        var error = Assert.Throws<InvalidDataException>(() => SbomReader.ReadCycloneDx(new MemoryStream(Encoding.UTF8.GetBytes(bom.ToJsonString())), "x.cdx.json"));

        Assert.Equal("'x.cdx.json': '$.components[4].purl' is missing.", error.Message);
    }

    [Fact]
    public void ReadSpdx_NotJson_NamesFileLineAndByte()
    {
        var error = Assert.Throws<InvalidDataException>(() => SbomReader.ReadSpdx(new MemoryStream("{\n  \"a\": ]"u8.ToArray()), "broken.spdx.json"));

        Assert.Equal("'broken.spdx.json' is not valid JSON (line 2, byte 8).", error.Message);
    }

    [Fact]
    public void ReadSpdx_TopLevelArray_MustBeObject()
    {
        var error = Assert.Throws<InvalidDataException>(() => SbomReader.ReadSpdx(new MemoryStream("[]"u8.ToArray()), "a.json"));

        Assert.Equal("'a.json': '$' must be an object.", error.Message);
    }

    /// <summary>Applies one "JSONPATH=JSONVALUE" edit (simple dotted path with [i] indexes) to a document.</summary>
    private static MemoryStream Damage(byte[] json, string edit)
    {
        var root = JsonNode.Parse(json)!;
        var equals = edit.IndexOf('=', StringComparison.Ordinal);
        var path = edit[2..equals];
        var value = JsonNode.Parse(edit[(equals + 1)..]);
        var steps = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode parent = root;
        for (var i = 0; i < steps.Length - 1; i++)
        {
            parent = Step(parent, steps[i]);
        }

        var last = steps[^1];
        if (last.StartsWith('['))
        {
            parent.AsArray()[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent.AsObject()[last] = value;
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(root.ToJsonString()));
    }

    private static JsonNode Step(JsonNode node, string step) =>
        step.StartsWith('[') ? node.AsArray()[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!;
}
