namespace Basalt.Compression.Tests;

public sealed class LimitsTests
{
    private const long BombSize = 200L << 20;

    /// <summary>200 MB of zeros, zstd-compressed here (a few kilobytes): the default ratio limit must stop it.</summary>
    [Fact]
    public void Open_ZstdBombWithDefaultLimits_ThrowsRatioLimit()
    {
        var bomb = ZerosCompressed(CompressionFormat.Zstd, BombSize);
        Assert.True(bomb.Length < 64 << 10, $"bomb is {bomb.Length} bytes");
        var ex = Assert.Throws<InvalidDataException>(() => Drain(bomb, DecompressionLimits.Default));
        Assert.Contains("compression ratio limit of 1000 (MaxRatio)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ZstdBombBeyondOutputLimit_ThrowsOutputLimit()
    {
        var bomb = ZerosCompressed(CompressionFormat.Zstd, BombSize);
        var limits = DecompressionLimits.Default with { MaxOutputBytes = 100L << 20, MaxRatio = double.PositiveInfinity };
        var ex = Assert.Throws<InvalidDataException>(() => Drain(bomb, limits));
        Assert.Contains("exceeds the output limit of 104857600 bytes (MaxOutputBytes)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_GzipBombWithExpectedSize_ThrowsOutputLimit()
    {
        var bomb = ZerosCompressed(CompressionFormat.Gzip, 8L << 20);
        var ex = Assert.Throws<InvalidDataException>(() => Drain(bomb, DecompressionLimits.ForExpectedSize(1 << 20)));
        Assert.Contains("gzip stream exceeds the output limit of 1048576 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WithinLimits_DecodesEverything()
    {
        var data = ZerosCompressed(CompressionFormat.Zstd, 8L << 20);
        Assert.Equal(8L << 20, Drain(data, DecompressionLimits.Default));
    }

    private static long Drain(byte[] compressed, DecompressionLimits limits)
    {
        using var stream = Decompression.Open(new MemoryStream(compressed), limits);
        stream.CopyTo(Stream.Null);
        return stream.DecompressedBytes;
    }

    private static byte[] ZerosCompressed(CompressionFormat format, long size)
    {
        using var output = new MemoryStream();
        using (var writer = Compressor.Create(output, format, 3, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.Length)
            {
                writer.Write(zeros);
            }
        }

        return output.ToArray();
    }
}
