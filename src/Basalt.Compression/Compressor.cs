namespace Basalt.Compression;

/// <summary>
/// Deterministic compressing writers: gzip (fixed header, MTIME 0) and zstd (content checksum, no dictionary,
/// single-threaded). bzip2, xz and lzma are read-only: SharpCompress has no xz encoder, and Basalt writes no bzip2.
/// Named <c>Compressor</c> rather than <c>Compression</c> so it never collides with the namespace from code in
/// other <c>Basalt.*</c> namespaces.
/// </summary>
public static class Compressor
{
    /// <summary>The level each writer uses by default: gzip 6 (zlib's default), zstd 19 (rpm's w19.zstdio).</summary>
    public static int DefaultLevel(CompressionFormat format) => format switch
    {
        CompressionFormat.Gzip => 6,
        CompressionFormat.Zstd => 19,
        _ => 0,
    };

    /// <summary>Whether <see cref="Create"/> supports <paramref name="format"/>.</summary>
    public static bool CanWrite(CompressionFormat format) => format is CompressionFormat.None or CompressionFormat.Gzip or CompressionFormat.Zstd;

    /// <summary>
    /// A write-only stream compressing into <paramref name="output"/>; dispose it to finish the stream.
    /// Levels: gzip 1-9, zstd 1-22.
    /// </summary>
    public static Stream Create(Stream output, CompressionFormat format, int level, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case CompressionFormat.None:
                return leaveOpen ? new NonClosingStream(output) : output;
            case CompressionFormat.Gzip:
                ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
                return new GzipWriterStream(output, level, leaveOpen);
            case CompressionFormat.Zstd:
                ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 22);
                var compressor = new ZstdSharp.Compressor(level);
                compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
                return new ZstdSharp.CompressionStream(output, compressor, bufferSize: 0, preserveCompressor: false, leaveOpen: leaveOpen);
            default:
                throw new NotSupportedException($"Writing {Decompression.Name(format)} is not supported; Basalt writes gzip and zstd.");
        }
    }
}
