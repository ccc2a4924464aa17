using Basalt.Trust.Sbom;

namespace Basalt.Trust.Tests.Sbom;

public sealed class PackageUrlTests
{
    private static readonly BuildRecord Build = SampleBuild.Create();

    private static BuildPackage Find(string nevra) => Build.Packages.Single(p => p.Nevra == nevra);

    [Fact]
    public void ForRpm_NoEpoch_VendorNamespaceAndSortedQualifiers()
    {
        Assert.Equal("pkg:rpm/fedora%20project/bash@5.2.26-3.fc40?arch=x86_64&distro=basalt-2026.11",
            PackageUrl.ForRpm(Find(SampleBuild.Bash), Build));
    }

    [Fact]
    public void ForRpm_ImageWithoutVersionId_DistroIsTheIdAlone()
    {
        var build = Build with { DistroVersionId = "" };

        Assert.Equal("pkg:rpm/fedora%20project/bash@5.2.26-3.fc40?arch=x86_64&distro=basalt", PackageUrl.ForRpm(Find(SampleBuild.Bash), build));
    }

    [Fact]
    public void ForRpm_Epoch_AddsEpochQualifierAfterDistro()
    {
        Assert.Equal("pkg:rpm/fedora%20project/shadow-utils@4.15.1-1.fc40?arch=x86_64&distro=basalt-2026.11&epoch=2",
            PackageUrl.ForRpm(Find(SampleBuild.ShadowUtils), Build));
    }

    [Fact]
    public void ForRpm_EpochZero_IsKeptBecauseTheTagExists()
    {
        var package = Find(SampleBuild.Bash) with { Epoch = 0 };

        Assert.EndsWith("&epoch=0", PackageUrl.ForRpm(package, Build), StringComparison.Ordinal);
    }

    [Fact]
    public void ForRpm_PlusInNameAndVersion_PercentEncoded()
    {
        var package = Find(SampleBuild.Libstdcxx) with { Version = "1.0+git20240101", Release = "1.fc40" };

        Assert.Equal("pkg:rpm/example%20vendor%20inc./libstdc%2B%2B@1.0%2Bgit20240101-1.fc40?arch=x86_64&distro=basalt-2026.11",
            PackageUrl.ForRpm(package, Build));
    }

    [Fact]
    public void ForRpm_VendorWithUppercaseSlashAndColon_LowercasedAndEncoded()
    {
        var package = Find(SampleBuild.Bash) with { Vendor = "  ACME/Linux: Labs  " };

        Assert.Equal("pkg:rpm/acme%2Flinux:%20labs/bash@5.2.26-3.fc40?arch=x86_64&distro=basalt-2026.11",
            PackageUrl.ForRpm(package, Build));
    }

    [Fact]
    public void ForRpm_NoVendor_UsesDistroId()
    {
        var package = Find(SampleBuild.Bash) with { Vendor = null };

        Assert.StartsWith("pkg:rpm/basalt/bash@", PackageUrl.ForRpm(package, Build), StringComparison.Ordinal);
    }

    [Fact]
    public void ForRpmInRepository_AddsRepositoryIdLast()
    {
        Assert.Equal("pkg:rpm/fedora%20project/shadow-utils@4.15.1-1.fc40?arch=x86_64&distro=basalt-2026.11&epoch=2&repository_id=fedora",
            PackageUrl.ForRpmInRepository(Find(SampleBuild.ShadowUtils), Build));
    }

    [Fact]
    public void ForRpm_NonAsciiVendor_Utf8PercentEncoded()
    {
        var package = Find(SampleBuild.Bash) with { Vendor = "Société" };

        Assert.StartsWith("pkg:rpm/soci%C3%A9t%C3%A9/bash@", PackageUrl.ForRpm(package, Build), StringComparison.Ordinal);
    }
}
