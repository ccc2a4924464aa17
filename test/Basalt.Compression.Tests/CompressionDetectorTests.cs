using Basalt.TestInfrastructure;

namespace Basalt.Compression.Tests;

public sealed class CompressionDetectorTests
{
    [Theory]
    [InlineData(new byte[] { 0x1f, 0x8b, 0x08, 0x00 }, CompressionFormat.Gzip)]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'h', (byte)'9', 0x31, 0x41 }, CompressionFormat.Bzip2)]
    [InlineData(new byte[] { 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04 }, CompressionFormat.Xz)]
    [InlineData(new byte[] { 0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x00 }, CompressionFormat.Zstd)]
    [InlineData(new byte[] { 0x5d, 0x00, 0x00, 0x80, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, CompressionFormat.Lzma)]
    [InlineData(new byte[] { 0x5d, 0x00, 0x00, 0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, CompressionFormat.Lzma)]
    [InlineData(new byte[] { 0x30, 0x37, 0x30, 0x37, 0x30, 0x31 }, CompressionFormat.None)]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'h', (byte)'0' }, CompressionFormat.None)]
    [InlineData(new byte[] { 0x5d, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, CompressionFormat.None)]
    [InlineData(new byte[] { 0x5d, 0x00, 0x00, 0x80, 0x00 }, CompressionFormat.None)]
    [InlineData(new byte[] { 0x00, 0x5a, 0x43, 0x4b, 0x31 }, CompressionFormat.None)]
    [InlineData(new byte[0], CompressionFormat.None)]
    public void Detect_Magic_ReturnsFormat(byte[] head, CompressionFormat expected)
        => Assert.Equal(expected, CompressionDetector.Detect(head));

    [Theory]
    [InlineData("payload-test-0.1-w9.gzdio.x86_64.rpm", CompressionFormat.Gzip)]
    [InlineData("payload-test-0.1-w9.bzdio.x86_64.rpm", CompressionFormat.Bzip2)]
    [InlineData("payload-test-0.1-w6.xzdio.x86_64.rpm", CompressionFormat.Xz)]
    [InlineData("payload-test-0.1-w6.lzdio.x86_64.rpm", CompressionFormat.Lzma)]
    [InlineData("payload-test-0.1-w3.zstdio.x86_64.rpm", CompressionFormat.Zstd)]
    [InlineData("payload-test-0.1-w.ufdio.x86_64.rpm", CompressionFormat.None)]
    public void Detect_RpmPayload_MatchesCompressor(string package, CompressionFormat expected)
    {
        var payload = RpmPayload.RawPayload(Fixtures.Path("rpms/go-rpmutils/testdata/" + package));
        Assert.Equal(expected, CompressionDetector.Detect(payload.AsSpan(0, CompressionDetector.HeadLength)));
    }

    [Theory]
    [InlineData("gzip", CompressionFormat.Gzip)]
    [InlineData("bzip2", CompressionFormat.Bzip2)]
    [InlineData("xz", CompressionFormat.Xz)]
    [InlineData("lzma", CompressionFormat.Lzma)]
    [InlineData("zstd", CompressionFormat.Zstd)]
    [InlineData(null, CompressionFormat.Gzip)]
    public void ParsePayloadCompressor_RpmTagValue_ReturnsFormat(string? name, CompressionFormat expected)
        => Assert.Equal(expected, CompressionDetector.ParsePayloadCompressor(name));

    [Fact]
    public void ParsePayloadCompressor_Unknown_ThrowsNamingValue()
    {
        var ex = Assert.Throws<InvalidDataException>(() => CompressionDetector.ParsePayloadCompressor("lz4"));
        Assert.Contains("'lz4'", ex.Message, StringComparison.Ordinal);
        Assert.False(CompressionDetector.TryParsePayloadCompressor("lz4", out _));
    }
}
