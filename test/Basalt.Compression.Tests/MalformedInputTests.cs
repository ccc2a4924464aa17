using Basalt.TestInfrastructure;

namespace Basalt.Compression.Tests;

public sealed class MalformedInputTests
{
    private static readonly byte[] Text = MakeText();

    public static TheoryData<CompressionFormat> Codecs() =>
    [
        CompressionFormat.Gzip, CompressionFormat.Bzip2, CompressionFormat.Xz, CompressionFormat.Lzma, CompressionFormat.Zstd,
    ];

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Open_TruncatedStream_ThrowsInvalidData(CompressionFormat format)
    {
        var compressed = CliCompress(format, Text);
        foreach (var cut in new[] { compressed.Length / 2, compressed.Length - 4, 3 })
        {
            var ex = Assert.Throws<InvalidDataException>(() => Decode(compressed[..cut], format));
            Assert.Contains(Decompression.Name(format), ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Open_CorruptStream_ThrowsInvalidData(CompressionFormat format)
    {
        var compressed = CliCompress(format, Text);
        var corrupt = (byte[])compressed.Clone();
        for (var i = compressed.Length / 3; i < compressed.Length / 3 + 16; i++)
        {
            corrupt[i] ^= 0x5a;
        }

        var ex = Assert.Throws<InvalidDataException>(() => Decode(corrupt, format));
        Assert.Contains(Decompression.Name(format), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Open_CliOutput_RoundTrips(CompressionFormat format)
        => Assert.Equal(Text, Decode(CliCompress(format, Text), format));

    [Theory]
    [InlineData(CompressionFormat.Gzip)]
    [InlineData(CompressionFormat.Bzip2)]
    [InlineData(CompressionFormat.Zstd)]
    public void Open_ConcatenatedMembers_DecodesAll(CompressionFormat format)
    {
        var first = CliCompress(format, Text);
        var second = CliCompress(format, "second member\n"u8.ToArray());
        Assert.Equal([.. Text, .. "second member\n"u8.ToArray()], Decode([.. first, .. second], format));
    }

    [Fact]
    public void Open_LzmaHeaderDeclaringHugeSize_ThrowsNamingLimit()
    {
        byte[] header = [0x5d, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
        var ex = Assert.Throws<InvalidDataException>(() => Decode(header, CompressionFormat.Lzma));
        Assert.Contains("MaxOutputBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_LzmaBadProperties_Throws()
    {
        byte[] header = [0xe1, 0, 0, 0x80, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0];
        var ex = Assert.Throws<InvalidDataException>(() => Decode(header, CompressionFormat.Lzma));
        Assert.Contains("properties byte 0xe1", ex.Message, StringComparison.Ordinal);
    }

    internal static byte[] Decode(byte[] compressed, CompressionFormat format, DecompressionLimits? limits = null)
    {
        using var stream = Decompression.Open(new MemoryStream(compressed), format, limits ?? DecompressionLimits.Default);
        return DecompressionTests.ReadAll(stream);
    }

    /// <summary>Compresses with the reference command line tool (xz-utils' lzma writes the "alone" format).</summary>
    internal static byte[] CliCompress(CompressionFormat format, byte[] data)
    {
        var (tool, package, args) = format switch
        {
            CompressionFormat.Gzip => ("gzip", "gzip", new[] { "-9nc" }),
            CompressionFormat.Bzip2 => ("bzip2", "bzip2", ["-9c"]),
            CompressionFormat.Xz => ("xz", "xz-utils", ["-6c"]),
            CompressionFormat.Lzma => ("xz", "xz-utils", ["--format=lzma", "-6c"]),
            CompressionFormat.Zstd => ("zstd", "zstd", ["-3", "-c", "-q"]),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        ExternalTool.Require(tool, package);
        return ExternalTool.Run(tool, args, stdin: data).EnsureSuccess(tool).StandardOutputBytes;
    }

    private static byte[] MakeText()
    {
        var random = new Random(1234);
        var lines = Enumerable.Range(0, 4000).Select(i => $"line {i} {random.Next()} {new string((char)('a' + (i % 26)), i % 50)}");
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }
}
