using Basalt.Rpm.Format;

namespace Basalt.Rpm.Tests.Writer;

/// <summary>The package's structure as Basalt's own reader and rpm see it: lead, signature header, empty packages.</summary>
public sealed class RpmPackageWriterLayoutTests
{
    [Fact]
    public void Build_FullManifest_LeadAndSignatureHeaderAsRpmbuildWritesThem()
    {
        using var package = new TestPackage();
        var path = package.Build();

        var headers = RpmPackageHeaders.Read(path);

        Assert.Equal(new RpmLead(3, 0, 0, 1, "hello-sh-1.4-3.bs1", 1, 5), headers.Lead);
        Assert.Equal(RpmFormat.HeaderSignaturesTag, headers.Signature.RegionTag);
        Assert.Equal([62, 269, 273, 1000, 1004, 1007, 1008], headers.Signature.Entries.Select(e => e.Tag));
        Assert.Equal(4128, headers.Signature.Find(RpmSignatureTag.ReservedSpace)!.Count);
        Assert.Equal(0, headers.HeaderOffset % 8);
        Assert.Equal((ulong)(new FileInfo(path).Length - headers.HeaderOffset), headers.Signature.GetNumber((int)RpmSignatureTag.Size));
        Assert.Equal(RpmFormat.HeaderImmutableTag, headers.Header.RegionTag);
        Assert.Equal(headers.Header.Entries.Count, headers.Header.RegionEntryCount);
        Assert.Equal(["C"], headers.Header.GetStrings((RpmTag)RpmFormat.HeaderI18NTableTag));
    }

    [Fact]
    public void Build_NoFiles_RpmAcceptsMetaPackage()
    {
        using var package = new TestPackage("""
            name: meta
            version: "1"
            release: "1"
            summary: Pulls in other packages
            description: A package without files.
            license: MIT
            requires:
              - hello-sh
            """);
        var path = package.Build();

        Assert.Equal($"{path}: digests OK\n", TestPackage.Rpm("-K", path));
        Assert.Equal("(contains no files)\n", TestPackage.Rpm("-qlp", "--nosignature", "--nodigest", path));
        Assert.Equal(
            "hello-sh\nrpmlib(CompressedFileNames) <= 3.0.4-1\nrpmlib(PayloadFilesHavePrefix) <= 4.0-1\nrpmlib(PayloadIsZstd) <= 5.4.18-1\n",
            TestPackage.Rpm("-qp", "--nosignature", "--nodigest", "--requires", path));
    }
}
