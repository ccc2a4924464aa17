namespace Basalt.Compression;

/// <summary>
/// Bounds on what one compressed stream may expand to: decompression bombs fail fast with
/// <see cref="InvalidDataException"/> naming the limit, before they fill a disk or memory.
/// </summary>
public sealed record DecompressionLimits
{
    /// <summary>
    /// 64 GiB of output, ratio 1000 after the first 64 MiB. Real RPM payloads expand 2-10x and stay below a few
    /// GiB; repository metadata expands about 10x. Callers that know the size (rpm's PAYLOADSIZE tag) should use
    /// <see cref="ForExpectedSize"/>.
    /// </summary>
    public static DecompressionLimits Default { get; } = new();

    /// <summary>No bounds at all (trusted input only, e.g. data this process just compressed).</summary>
    public static DecompressionLimits Unlimited { get; } = new() { MaxOutputBytes = long.MaxValue, MaxRatio = double.PositiveInfinity };

    /// <summary>The most bytes the stream may produce.</summary>
    public long MaxOutputBytes { get; init; } = 64L << 30;

    /// <summary>The most output bytes per compressed input byte.</summary>
    public double MaxRatio { get; init; } = 1000;

    /// <summary>Output below this size is never refused for its ratio (small, very repetitive files are normal).</summary>
    public long RatioGraceBytes { get; init; } = 64L << 20;

    /// <summary>Limits for a stream expected to expand to exactly <paramref name="expectedBytes"/>: no more is accepted.</summary>
    public static DecompressionLimits ForExpectedSize(long expectedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedBytes);
        return Default with { MaxOutputBytes = expectedBytes };
    }
}
