using System.Text.Json.Nodes;
using Basalt.Trust.Sbom;

namespace Basalt.Trust.Tests.Sbom;

public sealed class CycloneDxWriterTests
{
    private static readonly BuildRecord Build = SampleBuild.Create();

    private static JsonNode Bom(BuildRecord build) => JsonNode.Parse(CycloneDxWriter.Write(build))!;

    [Fact]
    public void Write_SampleBuild_ValidatesAgainstOfficialSchema()
    {
        Assert.Empty(SbomSchemas.ValidateCycloneDx(CycloneDxWriter.Write(Build)));
    }

    [Fact]
    public void Write_SameRecordTwice_SameBytes()
    {
        Assert.Equal(CycloneDxWriter.Write(Build), CycloneDxWriter.Write(SampleBuild.Create()));
    }

    [Fact]
    public void Write_SerialNumberAndTimestamp_DerivedFromRecord()
    {
        var a = Bom(Build);
        var b = Bom(SampleBuild.Create("another-seed"));

        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", a["serialNumber"]!.GetValue<string>());
        Assert.NotEqual(a["serialNumber"]!.GetValue<string>(), b["serialNumber"]!.GetValue<string>());
        Assert.Equal("2025-11-25T00:00:00Z", a["metadata"]!["timestamp"]!.GetValue<string>());
        Assert.NotEqual(SpdxWriter.DocumentNamespace(Build)[^36..], a["serialNumber"]!.GetValue<string>()[^36..]);
    }

    [Fact]
    public void Write_Components_RpmsByNevraThenArtifactsByName()
    {
        var components = Bom(Build)["components"]!.AsArray();

        Assert.Equal(
            ["bash", "filesystem", "glibc", "glibc-common", "libstdc++", "shadow-utils", "basalt-demo.cosi", "basalt-demo.raw", "basalt-demo.vhd"],
            components.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("operating-system", Bom(Build)["metadata"]!["component"]!["type"]!.GetValue<string>());
        var raw = components.Single(c => c!["name"]!.GetValue<string>() == "basalt-demo.raw")!;
        Assert.Equal("file", raw["type"]!.GetValue<string>());
        Assert.Equal(new string('1', 64), raw["hashes"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void Write_RpmComponent_PurlSupplierHashLicenseAndSourceAncestor()
    {
        var libstdcxx = Bom(Build)["components"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "libstdc++")!;

        Assert.Equal("pkg:rpm/example%20vendor%20inc./libstdc%2B%2B@14.1.1-7.fc40?arch=x86_64&distro=basalt-2026.11",
            libstdcxx["purl"]!.GetValue<string>());
        Assert.Equal(libstdcxx["purl"]!.GetValue<string>(), libstdcxx["bom-ref"]!.GetValue<string>());
        Assert.Equal("Example Vendor Inc.", libstdcxx["supplier"]!["name"]!.GetValue<string>());
        Assert.Equal("GPL-3.0-or-later WITH GCC-exception-3.1", libstdcxx["licenses"]![0]!["expression"]!.GetValue<string>());
        Assert.Equal("pkg:rpm/example%20vendor%20inc./gcc@14.1.1-7.fc40?arch=src&distro=basalt-2026.11",
            libstdcxx["pedigree"]!["ancestors"]![0]!["purl"]!.GetValue<string>());
        Assert.Equal(SampleBuild.Digest(SampleBuild.Libstdcxx), libstdcxx["hashes"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void Write_NonSpdxLicense_LicenseName()
    {
        var shadow = Bom(Build)["components"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "shadow-utils")!;

        Assert.Equal("BSD and GPLv2+", shadow["licenses"]![0]!["license"]!["name"]!.GetValue<string>());
        Assert.Null(shadow["licenses"]![0]!["expression"]);
        Assert.Equal("pkg:rpm/fedora%20project/shadow-utils@4.15.1-1.fc40?arch=src&distro=basalt-2026.11&epoch=2",
            shadow["pedigree"]!["ancestors"]![0]!["purl"]!.GetValue<string>());
    }

    [Fact]
    public void Write_EmptyLicenseAndPackagerOnly_NoLicensesAndPackagerSupplier()
    {
        var bash = Build.Packages.Single(p => p.Nevra == SampleBuild.Bash) with { License = "", Vendor = null, Requires = [] };
        var bom = Bom(Build with { Packages = [bash] });

        var component = bom["components"]![0]!;
        Assert.Null(component["licenses"]);
        Assert.Equal("Fedora Project", component["supplier"]!["name"]!.GetValue<string>());
        Assert.Equal("https://bugz.fedoraproject.org", component["supplier"]!["url"]![0]!.GetValue<string>());
        Assert.Empty(SbomSchemas.ValidateCycloneDx(CycloneDxWriter.Write(Build with { Packages = [bash] })));
    }

    [Fact]
    public void Write_PackagerWithEmail_SupplierContact()
    {
        var bash = Build.Packages.Single(p => p.Nevra == SampleBuild.Bash) with { Vendor = null, Packager = "Jane Doe <jane@example.org>", Requires = [] };

        var supplier = Bom(Build with { Packages = [bash] })["components"]![0]!["supplier"]!;

        Assert.Equal("Jane Doe", supplier["name"]!.GetValue<string>());
        Assert.Equal("jane@example.org", supplier["contact"]![0]!["email"]!.GetValue<string>());
        Assert.Equal("Organization: Jane Doe (jane@example.org)",
            System.Text.Json.Nodes.JsonNode.Parse(SpdxWriter.Write(Build with { Packages = [bash] }))!["packages"]![1]!["supplier"]!.GetValue<string>());
    }

    [Fact]
    public void Write_Dependencies_ImageThenEachPackage()
    {
        var dependencies = Bom(Build)["dependencies"]!.AsArray();

        Assert.Equal("image:basalt-demo@2026.11.1", dependencies[0]!["ref"]!.GetValue<string>());
        Assert.Equal(6, dependencies[0]!["dependsOn"]!.AsArray().Count);
        var glibc = dependencies.Single(d => d!["ref"]!.GetValue<string>().Contains("/glibc@", StringComparison.Ordinal))!;
        Assert.Equal(
            [
                "pkg:rpm/fedora%20project/filesystem@3.18-8.fc40?arch=x86_64&distro=basalt-2026.11",
                "pkg:rpm/fedora%20project/glibc-common@2.39-17.fc40?arch=x86_64&distro=basalt-2026.11",
            ],
            glibc["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
    }
}
