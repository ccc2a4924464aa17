using System.Buffers.Binary;

namespace Basalt.Compression;

/// <summary>Recognises a compressor by its magic bytes, and by the names rpm stores in PAYLOADCOMPRESSOR.</summary>
public static class CompressionDetector
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at; pass at least this many when available.</summary>
    public const int HeadLength = 13;

    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];

    private static ReadOnlySpan<byte> Bzip2Magic => "BZh"u8;

    private static ReadOnlySpan<byte> XzMagic => [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xb5, 0x2f, 0xfd];

    /// <summary>The format whose magic starts <paramref name="head"/>, or <see cref="CompressionFormat.None"/>.</summary>
    public static CompressionFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(GzipMagic))
        {
            return CompressionFormat.Gzip;
        }

        // "BZh" then the block size '1'..'9' (bzip2's file format).
        if (head.StartsWith(Bzip2Magic) && head.Length > 3 && head[3] is >= (byte)'1' and <= (byte)'9')
        {
            return CompressionFormat.Bzip2;
        }

        if (head.StartsWith(XzMagic))
        {
            return CompressionFormat.Xz;
        }

        if (head.StartsWith(ZstdMagic))
        {
            return CompressionFormat.Zstd;
        }

        return IsLzmaAlone(head) ? CompressionFormat.Lzma : CompressionFormat.None;
    }

    /// <summary>
    /// The format named by an rpm PAYLOADCOMPRESSOR value ("gzip", "bzip2", "xz", "lzma", "zstd"; rpm also
    /// accepts "lzip"-less aliases we do not need). False for anything else.
    /// </summary>
    public static bool TryParsePayloadCompressor(string? name, out CompressionFormat format)
    {
        format = name switch
        {
            "gzip" => CompressionFormat.Gzip,
            "bzip2" => CompressionFormat.Bzip2,
            "xz" => CompressionFormat.Xz,
            "lzma" => CompressionFormat.Lzma,
            "zstd" => CompressionFormat.Zstd,
            "" or "identity" or "none" => CompressionFormat.None,
            _ => (CompressionFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>As <see cref="TryParsePayloadCompressor"/>, but throws naming the value; a missing tag means gzip (rpm's default).</summary>
    public static CompressionFormat ParsePayloadCompressor(string? name)
        => name is null ? CompressionFormat.Gzip
            : TryParsePayloadCompressor(name, out var format) ? format
            : throw new InvalidDataException($"Unknown payload compressor '{name}'.");

    /// <summary>
    /// LZMA "alone" has no magic: byte 0 is the lc/lp/pb properties (lc + lp*9 + pb*45, below 225), bytes 1-4 the
    /// dictionary size. liblzma (and so rpm's lzdio) writes 2^n or 2^n + 2^(n-1) dictionaries; rpm uses properties
    /// 0x5d (lc=3, lp=0, pb=2). We require 0x5d and a plausible dictionary so random data is not mistaken for LZMA.
    /// </summary>
    private static bool IsLzmaAlone(ReadOnlySpan<byte> head)
    {
        if (head.Length < HeadLength || head[0] != 0x5d)
        {
            return false;
        }

        var dictionary = BinaryPrimitives.ReadUInt32LittleEndian(head[1..5]);
        if (dictionary < 4096 || dictionary > (1u << 30) + (1u << 29))
        {
            return false;
        }

        var top = 31 - uint.LeadingZeroCount(dictionary);
        var rest = dictionary - (1u << (int)top);
        var plausible = rest == 0 || rest == 1u << (int)(top - 1);

        // Uncompressed size: unknown (all ones, what streaming encoders write) or a sane value.
        var size = BinaryPrimitives.ReadUInt64LittleEndian(head[5..13]);
        return plausible && (size == ulong.MaxValue || size < (1UL << 48));
    }
}
