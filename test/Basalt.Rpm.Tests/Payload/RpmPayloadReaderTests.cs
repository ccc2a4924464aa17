using Basalt.Rpm.Payload;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Payload;

public sealed class RpmPayloadReaderTests
{
    private const string Monkeysphere = "rpms/rpm-rs/historical@be7afd6/test_assets/monkeysphere-0.37-1.el7.noarch.rpm";
    private const string PayloadTest = "rpms/go-rpmutils/testdata/payload-test-0.1-w9.gzdio.x86_64.rpm";
    private const string StrippedBasic = "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-basic-2.3.4-5.el9.noarch.rpm";

    [Theory]
    [InlineData("rpms/go-rpmutils/testdata/payload-test-0.1-w.ufdio.x86_64.rpm", Compression.CompressionFormat.None)]
    [InlineData("rpms/go-rpmutils/testdata/payload-test-0.1-w9.gzdio.x86_64.rpm", Compression.CompressionFormat.Gzip)]
    [InlineData("rpms/go-rpmutils/testdata/payload-test-0.1-w9.bzdio.x86_64.rpm", Compression.CompressionFormat.Bzip2)]
    [InlineData("rpms/go-rpmutils/testdata/payload-test-0.1-w6.xzdio.x86_64.rpm", Compression.CompressionFormat.Xz)]
    [InlineData("rpms/go-rpmutils/testdata/payload-test-0.1-w6.lzdio.x86_64.rpm", Compression.CompressionFormat.Lzma)]
    [InlineData("rpms/go-rpmutils/testdata/payload-test-0.1-w3.zstdio.x86_64.rpm", Compression.CompressionFormat.Zstd)]
    public void Next_EveryCompressor_ReadsVerifiedContent(string package, Compression.CompressionFormat format)
    {
        using var reader = RpmPayloadReader.Open(Fixtures.Path(package));

        var entries = new List<(string Path, string Content)>();
        while (reader.Next() is { } entry)
        {
            entries.Add((entry.File.Path, new StreamReader(entry.Data).ReadToEnd()));
        }

        Assert.Equal(format, reader.Compression);
        Assert.Equal([("/usr/share/payload-test.txt", "Some data\n")], entries);
    }

    [Fact]
    public void Next_UncompressedPayloadDeclaredGzip_WarnsAndReads()
    {
        using var reader = RpmPayloadReader.Open(Fixtures.Path("rpms/go-rpmutils/testdata/payload-test-0.1-w.ufdio.x86_64.rpm"));

        while (reader.Next() is not null)
        {
        }

        Assert.Contains(reader.Warnings, w => w.Contains("PAYLOADCOMPRESSOR says 'gzip", StringComparison.Ordinal)
            && w.Contains("magic bytes say 'uncompressed'", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_TamperedContent_FailsNamingPackageAndEntry()
    {
        using var scratch = new TempDirectory();
        var crafted = CraftedPackage.Rewrite(Fixtures.Path(PayloadTest), scratch.Path("tampered.rpm"), [], [("Some data", "Some dato")]);

        var error = Assert.Throws<InvalidDataException>(() => RpmPayloadExtractor.Extract(crafted, scratch.Path("out"),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("tampered.rpm': payload entry '/usr/share/payload-test.txt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not match the header's 8557122088c994ba8aa5540ccbb9a3d2d8ae2887046c2db23d65f40ae63abade", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_EntryNotInHeader_Refused()
    {
        using var scratch = new TempDirectory();
        var crafted = CraftedPackage.Rewrite(Fixtures.Path(PayloadTest), scratch.Path("renamed.rpm"), [], [("payload-test.txt", "payload-evil.txt")]);

        var error = Assert.Throws<InvalidDataException>(() => RpmPayloadExtractor.Extract(crafted, scratch.Path("out"),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("payload entry './usr/share/payload-evil.txt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not in the header's file list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DotDotPathInHeaderAndPayload_Refused()
    {
        using var scratch = new TempDirectory();
        // "./usr/bin/openpgp2pem" becomes "./../../x/openpgp2pem" in both the cpio names and the header's DIRNAMES.
        var crafted = CraftedPackage.Rewrite(Fixtures.Path(Monkeysphere), scratch.Path("dotdot.rpm"), [("/usr/bin/", "/../../x/")], [("/usr/bin/", "/../../x/")]);

        var error = Assert.Throws<InvalidDataException>(() => RpmPayloadExtractor.Extract(crafted, scratch.Path("root", "out"),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("contains a '..' component", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(scratch.Path("x")));
        Assert.False(Directory.Exists(scratch.Path("root", "x")));
    }

    [Fact]
    public void Extract_DotDotPathInStrippedPayloadHeader_Refused()
    {
        using var scratch = new TempDirectory();
        // Stripped entries name files by index, so the path comes from the header alone.
        var crafted = CraftedPackage.Rewrite(Fixtures.Path(StrippedBasic), scratch.Path("dotdot-v6.rpm"), [("/usr/bin/", "/../../x/")], []);

        var error = Assert.Throws<InvalidDataException>(() => RpmPayloadExtractor.Extract(crafted, scratch.Path("root", "out"),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("contains a '..' component", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(scratch.Path("x")));
    }

    [Fact]
    public void Extract_SymlinkEscapingRoot_Refused()
    {
        using var scratch = new TempDirectory();
        const string escape = "../../../../../../../etc/passw";
        var crafted = CraftedPackage.Rewrite(Fixtures.Path(Monkeysphere), scratch.Path("escape.rpm"),
            [("../share/monkeysphere/keytrans", escape)], [("../share/monkeysphere/keytrans", escape)]);

        var error = Assert.Throws<InvalidDataException>(() => RpmPayloadExtractor.Extract(crafted, scratch.Path("out"),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("points outside the root", error.Message, StringComparison.Ordinal);
        Assert.Contains("escape.rpm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SymlinkTargetDiffersFromHeader_Refused()
    {
        using var scratch = new TempDirectory();
        var crafted = CraftedPackage.Rewrite(Fixtures.Path(Monkeysphere), scratch.Path("retarget.rpm"), [], [("openpgp2ssh.1.gz", "openpgp2xxx.1.gz")]);

        var error = Assert.Throws<InvalidDataException>(() => RpmPayloadExtractor.Extract(crafted, scratch.Path("out"),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("differs from the header's 'openpgp2ssh.1.gz'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BoundedDecompression_RefusesPayloadBeyondLimit()
    {
        var options = new RpmPayloadOptions { Limits = Compression.DecompressionLimits.Default with { MaxOutputBytes = 100 } };
        using var reader = RpmPayloadReader.Open(Fixtures.Path(Monkeysphere), options);

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            while (reader.Next() is { } entry)
            {
                entry.Data.CopyTo(Stream.Null);
            }
        });

        Assert.Contains("exceeds the output limit of 100 bytes", error.Message, StringComparison.Ordinal);
    }
}
