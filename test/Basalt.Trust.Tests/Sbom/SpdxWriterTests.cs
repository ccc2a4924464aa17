using System.Text;
using System.Text.Json.Nodes;
using Basalt.Trust.Sbom;

namespace Basalt.Trust.Tests.Sbom;

public sealed class SpdxWriterTests
{
    private static readonly BuildRecord Build = SampleBuild.Create();

    private static JsonNode Document(BuildRecord build) => JsonNode.Parse(SpdxWriter.Write(build))!;

    /// <summary>The binary RPM package of that name (its source RPM package may share the name).</summary>
    private static JsonNode Rpm(JsonNode document, string name) =>
        document["packages"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name
            && p["SPDXID"]!.GetValue<string>().StartsWith("SPDXRef-RPM-", StringComparison.Ordinal))!;

    [Fact]
    public void Write_SampleBuild_ValidatesAgainstOfficialSchema()
    {
        Assert.Empty(SbomSchemas.ValidateSpdx(SpdxWriter.Write(Build)));
    }

    [Fact]
    public void Write_SameRecordTwice_SameBytesWithIndentAndFinalNewline()
    {
        var first = SpdxWriter.Write(Build);
        var second = SpdxWriter.Write(SampleBuild.Create());

        Assert.Equal(first, second);
        var text = Encoding.UTF8.GetString(first);
        Assert.StartsWith("{\n  \"spdxVersion\": \"SPDX-2.3\",\n", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
    }

    [Fact]
    public void Write_DifferentSeed_DifferentNamespaceSameTime()
    {
        var a = Document(Build);
        var b = Document(SampleBuild.Create("another-seed"));

        Assert.NotEqual(a["documentNamespace"]!.GetValue<string>(), b["documentNamespace"]!.GetValue<string>());
        Assert.Matches("^https://basalt\\.example/spdx/basalt-demo-2026\\.11\\.1-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
            a["documentNamespace"]!.GetValue<string>());
        Assert.Equal("2025-11-25T00:00:00Z", a["creationInfo"]!["created"]!.GetValue<string>());
        Assert.Equal(a["creationInfo"]!.ToJsonString(), b["creationInfo"]!.ToJsonString());
    }

    [Fact]
    public void Write_DifferentArtifactDigest_DifferentNamespace()
    {
        var changed = Build with { Artifacts = [.. Build.Artifacts.Select((a, i) => i == 0 ? a with { Sha256 = new string('f', 64) } : a)] };

        Assert.NotEqual(SpdxWriter.DocumentNamespace(Build), SpdxWriter.DocumentNamespace(changed));
    }

    [Fact]
    public void Write_Packages_ImageThenRpmsByNevraThenSourceRpms()
    {
        var ids = Document(Build)["packages"]!.AsArray().Select(p => p!["SPDXID"]!.GetValue<string>()).ToArray();

        Assert.Equal(
        [
            "SPDXRef-Image-basalt-demo",
            "SPDXRef-RPM-bash-5.2.26-3.fc40.x86-64",
            "SPDXRef-RPM-filesystem-3.18-8.fc40.x86-64",
            "SPDXRef-RPM-glibc-2.39-17.fc40.x86-64",
            "SPDXRef-RPM-glibc-common-2.39-17.fc40.x86-64",
            "SPDXRef-RPM-libstdc---14.1.1-7.fc40.x86-64",
            "SPDXRef-RPM-shadow-utils-2-4.15.1-1.fc40.x86-64",
            "SPDXRef-SRPM-bash-5.2.26-3.fc40.src.rpm",
            "SPDXRef-SRPM-filesystem-3.18-8.fc40.src.rpm",
            "SPDXRef-SRPM-gcc-14.1.1-7.fc40.src.rpm",
            "SPDXRef-SRPM-glibc-2.39-17.fc40.src.rpm",
            "SPDXRef-SRPM-shadow-utils-4.15.1-1.fc40.src.rpm",
        ], ids);
    }

    [Fact]
    public void Write_RpmPackage_CarriesPurlsChecksumSupplierAndLicense()
    {
        var shadow = Rpm(Document(Build), "shadow-utils");

        Assert.Equal("4.15.1-1.fc40", shadow["versionInfo"]!.GetValue<string>());
        Assert.Equal("shadow-utils-4.15.1-1.fc40.x86_64.rpm", shadow["packageFileName"]!.GetValue<string>());
        Assert.Equal("Organization: Fedora Project", shadow["supplier"]!.GetValue<string>());
        Assert.Equal("LicenseRef-BSD-and-GPLv2-plus", shadow["licenseDeclared"]!.GetValue<string>());
        Assert.Equal(SampleBuild.Digest(SampleBuild.ShadowUtils), shadow["checksums"]![0]!["checksumValue"]!.GetValue<string>());
        Assert.Equal(
            [
                "pkg:rpm/fedora%20project/shadow-utils@4.15.1-1.fc40?arch=x86_64&distro=basalt-2026.11&epoch=2",
                "pkg:rpm/fedora%20project/shadow-utils@4.15.1-1.fc40?arch=x86_64&distro=basalt-2026.11&epoch=2&repository_id=fedora",
            ],
            shadow["externalRefs"]!.AsArray().Select(r => r!["referenceLocator"]!.GetValue<string>()));
        Assert.Equal("https://dl.example.org/fedora/40/x86_64/os/Packages/s/shadow-utils-2:4.15.1-1.fc40.x86_64.rpm",
            shadow["downloadLocation"]!.GetValue<string>());
    }

    [Fact]
    public void Write_SupplierFallsBackToPackagerThenNoAssertion()
    {
        var bash = Build.Packages.Single(p => p.Nevra == SampleBuild.Bash);
        var build = Build with
        {
            Packages = [bash with { Vendor = null, Requires = [] }, Build.Packages[0] with { Vendor = " ", Packager = null }],
        };

        var suppliers = Document(build)["packages"]!.AsArray().Skip(1).Take(2).Select(p => p!["supplier"]!.GetValue<string>());

        Assert.Equal(["Organization: Fedora Project (https://bugz.fedoraproject.org)", "NOASSERTION"], suppliers);
    }

    [Fact]
    public void Write_NonSpdxLicense_DeclaredInExtractedLicensingInfos()
    {
        var extracted = Document(Build)["hasExtractedLicensingInfos"]!.AsArray();

        // Ordered by id; "Public Domain" (filesystem) is not an SPDX id either.
        Assert.Equal(["LicenseRef-BSD-and-GPLv2-plus", "LicenseRef-Public-Domain"], extracted.Select(e => e!["licenseId"]!.GetValue<string>()));
        Assert.Equal(["BSD and GPLv2+", "Public Domain"], extracted.Select(e => e!["extractedText"]!.GetValue<string>()));
    }

    [Fact]
    public void Write_SpdxLicenseAndEmptyLicense_ExpressionAndNoAssertion()
    {
        var build = Build with { Packages = [.. Build.Packages.Select(p => p.Nevra == SampleBuild.Bash ? p with { License = "" } : p)] };
        var document = Document(build);

        Assert.Equal("NOASSERTION", Rpm(document, "bash")["licenseDeclared"]!.GetValue<string>());
        Assert.Equal("GPL-3.0-or-later WITH GCC-exception-3.1", Rpm(document, "libstdc++")["licenseDeclared"]!.GetValue<string>());
        Assert.Equal("LicenseRef-Public-Domain", Rpm(document, "filesystem")["licenseDeclared"]!.GetValue<string>());
    }

    [Fact]
    public void Write_Relationships_DescribesContainsGeneratedFromDependsOn()
    {
        var relationships = Document(Build)["relationships"]!.AsArray()
            .Select(r => $"{r!["spdxElementId"]} {r["relationshipType"]} {r["relatedSpdxElement"]}")
            .ToList();

        Assert.Equal("SPDXRef-DOCUMENT DESCRIBES SPDXRef-Image-basalt-demo", relationships[0]);
        Assert.Equal(6, relationships.Count(r => r.StartsWith("SPDXRef-Image-basalt-demo CONTAINS SPDXRef-RPM-", StringComparison.Ordinal)));
        Assert.Equal(
        [
            "SPDXRef-Image-basalt-demo CONTAINS SPDXRef-Artifact-basalt-demo.cosi",
            "SPDXRef-Image-basalt-demo CONTAINS SPDXRef-Artifact-basalt-demo.raw",
            "SPDXRef-Image-basalt-demo CONTAINS SPDXRef-Artifact-basalt-demo.vhd",
        ], relationships.Where(r => r.Contains("Artifact", StringComparison.Ordinal)));
        Assert.Contains("SPDXRef-RPM-glibc-common-2.39-17.fc40.x86-64 GENERATED_FROM SPDXRef-SRPM-glibc-2.39-17.fc40.src.rpm", relationships);
        Assert.Contains("SPDXRef-RPM-glibc-2.39-17.fc40.x86-64 GENERATED_FROM SPDXRef-SRPM-glibc-2.39-17.fc40.src.rpm", relationships);
        Assert.Equal(
        [
            "SPDXRef-RPM-bash-5.2.26-3.fc40.x86-64 DEPENDS_ON SPDXRef-RPM-filesystem-3.18-8.fc40.x86-64",
            "SPDXRef-RPM-bash-5.2.26-3.fc40.x86-64 DEPENDS_ON SPDXRef-RPM-glibc-2.39-17.fc40.x86-64",
        ], relationships.Where(r => r.StartsWith("SPDXRef-RPM-bash-5.2.26-3.fc40.x86-64 DEPENDS_ON", StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_SanitizedIdsCollide_SecondGetsSuffix()
    {
        var bash = Build.Packages.Single(p => p.Nevra == SampleBuild.Bash);
        var build = Build with { Packages = [bash with { Nevra = "a+b-1-1.x86_64", Requires = [] }, bash with { Nevra = "a_b-1-1.x86_64", Requires = [] }] };

        var ids = Document(build)["packages"]!.AsArray().Select(p => p!["SPDXID"]!.GetValue<string>()).Take(3);

        Assert.Equal(["SPDXRef-Image-basalt-demo", "SPDXRef-RPM-a-b-1-1.x86-64", "SPDXRef-RPM-a-b-1-1.x86-64-2"], ids);
    }

    [Fact]
    public void Write_RequiresUnknownPackage_NamesPackageAndRequirement()
    {
        var build = Build with { Packages = [Build.Packages[1]] };

        var error = Assert.Throws<InvalidDataException>(() => SpdxWriter.Write(build));

        Assert.Equal("Build record package 'glibc-2.39-17.fc40.x86_64' requires 'filesystem-3.18-8.fc40.x86_64', which is not an installed package.",
            error.Message);
    }

    [Fact]
    public void Write_DuplicatePackage_Refused()
    {
        var build = Build with { Packages = [Build.Packages[0], Build.Packages[0]] };

        var error = Assert.Throws<InvalidDataException>(() => SpdxWriter.Write(build));

        Assert.Equal("Build record lists package 'filesystem-3.18-8.fc40.x86_64' more than once.", error.Message);
    }
}
