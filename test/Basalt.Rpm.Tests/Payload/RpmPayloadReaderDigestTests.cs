using Basalt.Rpm.Format;
using Basalt.Rpm.Payload;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Payload;

/// <summary>RpmPayloadOptions.VerifyPayloadDigest: the uncompressed payload's size and PAYLOADDIGESTALT, checked on the one read.</summary>
public sealed class RpmPayloadReaderDigestTests
{
    private const string Zstd = "rpms/go-rpmutils/testdata/payload-test-0.1-w3.zstdio.x86_64.rpm";
    private const string AltDigest = "e4b7529c8b06452a3390301595e37216c453a29f7606b4a068ed9566749478ea";
    private static readonly RpmPayloadOptions Verifying = new() { VerifyPayloadDigest = true };

    [Fact]
    public void Next_IntactPackage_ReadsToTheEnd()
    {
        Assert.Equal([AltDigest], RpmPackageHeaders.Read(Fixtures.Path(Zstd)).Header.GetStrings(RpmTag.PayloadDigestAlt));

        Assert.Equal(["/usr/share/payload-test.txt"], ReadAll(Fixtures.Path(Zstd), Verifying));
    }

    [Fact]
    public void Next_PayloadRecompressed_StillMatchesBecauseTheDigestCoversTheUncompressedBytes()
    {
        using var scratch = new TempDirectory();
        var uncompressed = CraftedPackage.Rewrite(Fixtures.Path(Zstd), scratch.Path("plain.rpm"), [], []);

        Assert.Equal(["/usr/share/payload-test.txt"], ReadAll(uncompressed, Verifying));
    }

    [Fact]
    public void Next_AltDigestDisagrees_ThrowsAtTheEndNamingPackageAndTag()
    {
        using var scratch = new TempDirectory();
        var crafted = CraftedPackage.Rewrite(Fixtures.Path(Zstd), scratch.Path("tampered.rpm"), [(AltDigest[..8], "00000000")], []);

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(crafted, Verifying));

        Assert.Contains("tampered.rpm': the uncompressed payload's digest " + AltDigest + " does not match the header's PAYLOADDIGESTALT 00000000",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_AltDigestDisagreesOptionOff_ReadsAsBefore()
    {
        using var scratch = new TempDirectory();
        var crafted = CraftedPackage.Rewrite(Fixtures.Path(Zstd), scratch.Path("tampered.rpm"), [(AltDigest[..8], "00000000")], []);

        Assert.Equal(["/usr/share/payload-test.txt"], ReadAll(crafted, RpmPayloadOptions.Default));
    }

    [Fact]
    public void Next_BytesAfterTheTrailer_CountAndFailTheDigest()
    {
        using var scratch = new TempDirectory();
        var plain = CraftedPackage.Rewrite(Fixtures.Path(Zstd), scratch.Path("plain.rpm"), [], []);
        File.AppendAllText(plain, "x");

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(plain, Verifying));

        Assert.Contains("plain.rpm': the uncompressed payload has", error.Message, StringComparison.Ordinal);
        Assert.Contains("but the signature header's PAYLOADSIZE says", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_AltDigestDisagreesCompressedPayloadVerified_ReadsToTheEnd()
    {
        using var scratch = new TempDirectory();
        var crafted = CraftedPackage.Rewrite(Fixtures.Path(Zstd), scratch.Path("tampered.rpm"), [(AltDigest[..8], "00000000")], []);

        Assert.Equal(["/usr/share/payload-test.txt"], ReadAll(crafted, Verifying with { CompressedPayloadVerified = true }));
    }

    [Fact]
    public void Next_BytesAfterTheTrailerCompressedPayloadVerified_StillFailTheSizeCheck()
    {
        using var scratch = new TempDirectory();
        var plain = CraftedPackage.Rewrite(Fixtures.Path(Zstd), scratch.Path("plain.rpm"), [], []);
        File.AppendAllText(plain, "x");

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(plain, Verifying with { CompressedPayloadVerified = true }));

        Assert.Contains("plain.rpm': the uncompressed payload has", error.Message, StringComparison.Ordinal);
    }

    private static List<string> ReadAll(string package, RpmPayloadOptions options)
    {
        using var reader = RpmPayloadReader.Open(package, options);
        var paths = new List<string>();
        while (reader.Next() is { } entry)
        {
            paths.Add(entry.File.Path);
            entry.Data.CopyTo(Stream.Null);
        }

        return paths;
    }
}
