using Basalt.TestInfrastructure;

namespace Basalt.Compression.Tests;

public sealed class CompressorTests
{
    private static readonly byte[] Payload = File.ReadAllBytes(
        Fixtures.Path("repodata/createrepo_c/tests/testdata/compressed_files/01_plain.txt"));

    [Theory]
    [InlineData(CompressionFormat.Gzip, 1)]
    [InlineData(CompressionFormat.Gzip, 9)]
    [InlineData(CompressionFormat.Zstd, 3)]
    [InlineData(CompressionFormat.Zstd, 19)]
    public void Create_Output_DecodesWithReferenceTool(CompressionFormat format, int level)
    {
        var data = LargeInput();
        var compressed = Compress(data, format, level);
        var (tool, package) = format == CompressionFormat.Gzip ? ("gzip", "gzip") : ("zstd", "zstd");
        ExternalTool.Require(tool, package);
        var decoded = ExternalTool.Run(tool, ["-dc"], stdin: compressed).EnsureSuccess(tool + " -dc").StandardOutputBytes;
        Assert.Equal(data, decoded);
        ExternalTool.Run(tool, ["-t"], stdin: compressed).EnsureSuccess(tool + " -t");
    }

    [Theory]
    [InlineData(CompressionFormat.Gzip)]
    [InlineData(CompressionFormat.Zstd)]
    [InlineData(CompressionFormat.None)]
    public void Create_SameInputTwice_SameBytes(CompressionFormat format)
    {
        var data = LargeInput();
        var first = Compress(data, format, Compressor.DefaultLevel(format));
        var second = Compress(data, format, Compressor.DefaultLevel(format));
        Assert.Equal(first, second);
        Assert.Equal(data, MalformedInputTests.Decode(first, format));
    }

    [Fact]
    public void Create_Gzip_WritesFixedHeader()
    {
        var compressed = Compress(Payload, CompressionFormat.Gzip, 9);
        // ID1 ID2 CM=8 FLG=0 MTIME=0 XFL=2 (level 9) OS=3 (Unix): RFC 1952 section 2.3.
        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3 }, compressed[..10]);
    }

    [Fact]
    public void Create_Zstd_WritesContentChecksum()
    {
        var compressed = Compress(Payload, CompressionFormat.Zstd, 3);
        // Frame header descriptor (RFC 8878 section 3.1.1.1.1): bit 2 is Content_Checksum_flag, bits 0-1 the dictionary ID size.
        var descriptor = compressed[4];
        Assert.Equal(4, descriptor & 0x4);
        Assert.Equal(0, descriptor & 0x3);
    }

    [Theory]
    [InlineData(CompressionFormat.Xz)]
    [InlineData(CompressionFormat.Bzip2)]
    [InlineData(CompressionFormat.Lzma)]
    public void Create_ReadOnlyFormat_ThrowsNotSupported(CompressionFormat format)
    {
        Assert.False(Compressor.CanWrite(format));
        Assert.Throws<NotSupportedException>(() => Compressor.Create(new MemoryStream(), format, 6));
    }

    [Fact]
    public void Open_GzipTruncatedWithoutStrictValidation_TrailerCheckThrows()
    {
        var compressed = Compress(LargeInput(), CompressionFormat.Gzip, 6);
        foreach (var cut in new[] { compressed.Length - 1, compressed.Length - 8, compressed.Length / 2 })
        {
            var ex = Assert.Throws<InvalidDataException>(() =>
            {
                using var stream = Decompression.Open(new MemoryStream(compressed[..cut]), CompressionFormat.Gzip,
                    DecompressionLimits.Default, leaveOpen: false, description: "probe.gz", strictGzip: false);
                stream.CopyTo(Stream.Null);
            });
            Assert.Contains("gzip stream 'probe.gz'", ex.Message, StringComparison.Ordinal);
        }

        using var complete = Decompression.Open(new MemoryStream(compressed), CompressionFormat.Gzip,
            DecompressionLimits.Default, leaveOpen: false, description: null, strictGzip: false);
        Assert.Equal(LargeInput(), DecompressionTests.ReadAll(complete));
    }

    internal static byte[] Compress(byte[] data, CompressionFormat format, int level)
    {
        using var output = new MemoryStream();
        using (var writer = Compressor.Create(output, format, level, leaveOpen: true))
        {
            writer.Write(data);
        }

        return output.ToArray();
    }

    internal static byte[] LargeInput()
    {
        var random = new Random(42);
        var data = new byte[3 << 20];
        for (var i = 0; i < data.Length; i++)
        {
            // Compressible but not trivial: small alphabet with runs.
            data[i] = (byte)('a' + (random.Next(8) * (i % 7 == 0 ? 1 : 0)));
        }

        return data;
    }
}
