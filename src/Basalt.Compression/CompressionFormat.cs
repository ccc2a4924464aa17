namespace Basalt.Compression;

/// <summary>The stream compressors found in RPM payloads and repository metadata.</summary>
public enum CompressionFormat
{
    /// <summary>Not compressed (rpm's "ufdio" payloads, plain metadata).</summary>
    None,

    /// <summary>gzip, RFC 1952 (rpm "gzdio").</summary>
    Gzip,

    /// <summary>bzip2 (rpm "bzdio").</summary>
    Bzip2,

    /// <summary>xz container (rpm "xzdio").</summary>
    Xz,

    /// <summary>LZMA "alone" (.lzma, rpm "lzdio"): 13-byte header, raw LZMA1 stream.</summary>
    Lzma,

    /// <summary>Zstandard, RFC 8878 (rpm "zstdio").</summary>
    Zstd,
}
