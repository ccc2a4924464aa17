using Basalt.TestInfrastructure;

namespace Basalt.Compression.Tests;

public sealed class DecompressionTests
{
    public static TheoryData<string> PayloadPackages() =>
    [
        "payload-test-0.1-w.ufdio.x86_64.rpm",
        "payload-test-0.1-w9.gzdio.x86_64.rpm",
        "payload-test-0.1-w9.bzdio.x86_64.rpm",
        "payload-test-0.1-w6.xzdio.x86_64.rpm",
        "payload-test-0.1-w6.lzdio.x86_64.rpm",
        "payload-test-0.1-w3.zstdio.x86_64.rpm",
    ];

    /// <summary>
    /// The raw payload rpm wrote (cut after the headers) decompresses to exactly what rpm2cpio prints:
    /// rpm's own decoder is the oracle, and the compressed bytes are rpm's own encoder output (lzdio included).
    /// </summary>
    [Theory]
    [MemberData(nameof(PayloadPackages))]
    public void Open_RpmPayload_MatchesRpm2cpio(string package)
    {
        ExternalTool.Require("rpm2cpio", "rpm2cpio");
        var path = Fixtures.Path("rpms/go-rpmutils/testdata/" + package);
        var expected = ExternalTool.Run("rpm2cpio", [path]).EnsureSuccess("rpm2cpio").StandardOutputBytes;

        using var decompressed = Decompression.Open(new MemoryStream(RpmPayload.RawPayload(path)), DecompressionLimits.Default);
        Assert.Equal(expected, ReadAll(decompressed));
        Assert.Equal(expected.Length, decompressed.DecompressedBytes);
    }

    [Theory]
    [MemberData(nameof(PayloadPackages))]
    public void Open_RpmPayloadThroughNonSeekableStream_MatchesExplicitFormat(string package)
    {
        var payload = RpmPayload.RawPayload(Fixtures.Path("rpms/go-rpmutils/testdata/" + package));
        var format = CompressionDetector.Detect(payload);
        using var explicitFormat = Decompression.Open(new MemoryStream(payload), format, DecompressionLimits.Default);
        using var detected = Decompression.Open(new NonSeekableStream(payload, chunk: 1), DecompressionLimits.Default);
        Assert.Equal(format, detected.Format);
        Assert.Equal(ReadAll(explicitFormat), ReadAll(detected));
    }

    public static TheoryData<string> CreaterepoFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Fixtures.Files("repodata/createrepo_c/tests/testdata/compressed_files", "*"))
        {
            var name = Path.GetFileName(file);
            // .zck and its copy .foo4 are zchunk, which Basalt does not read.
            if (!name.EndsWith(".txt", StringComparison.Ordinal) && !name.EndsWith(".zck", StringComparison.Ordinal)
                && !name.EndsWith(".foo4", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    /// <summary>createrepo_c's "same text in every codec" set; the .fooN copies have no telling extension, so only magic detects them.</summary>
    [Theory]
    [MemberData(nameof(CreaterepoFiles))]
    public void Open_CreaterepoCompressedFile_MatchesPlainText(string name)
    {
        var folder = Fixtures.Path("repodata/createrepo_c/tests/testdata/compressed_files");
        var plain = File.ReadAllBytes(Path.Combine(folder, name[..2] + "_plain.txt"));
        using var stream = Decompression.Open(File.OpenRead(Path.Combine(folder, name)), DecompressionLimits.Default);
        Assert.Equal(plain, ReadAll(stream));
    }

    [Theory]
    [InlineData("01_plain.txt.zck")]
    [InlineData("01_plain.foo4")]
    public void Detect_Zchunk_IsNotClaimed(string name)
    {
        var file = Fixtures.Path("repodata/createrepo_c/tests/testdata/compressed_files/" + name);
        Assert.Equal(CompressionFormat.None, CompressionDetector.Detect(File.ReadAllBytes(file)));
    }

    internal static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
