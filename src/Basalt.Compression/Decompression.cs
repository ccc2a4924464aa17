using System.Buffers.Binary;
using System.IO.Compression;
using Basalt.IO;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.LZMA;
using SharpCompress.Compressors.Xz;
using SharpCompressionMode = SharpCompress.Compressors.CompressionMode;

namespace Basalt.Compression;

/// <summary>
/// Opens decompressing streams: gzip (System.IO.Compression, multi-member), bzip2, xz and LZMA "alone"
/// (SharpCompress), zstd (ZstdSharp, multi-frame). Every stream is bounded by <see cref="DecompressionLimits"/>.
/// </summary>
public static class Decompression
{
    /// <summary>
    /// The largest zstd window accepted: 2^27 = 128 MiB, the zstd command line's default limit (larger windows need
    /// --long/--memory there too). rpm's zstdio levels use far smaller windows.
    /// </summary>
    public const int MaxZstdWindowLog = 27;

    private const int LzmaHeaderLength = 13;

    /// <summary>Opens <paramref name="compressed"/> as <paramref name="format"/>.</summary>
    public static DecompressingStream Open(Stream compressed, CompressionFormat format, DecompressionLimits limits,
        bool leaveOpen = false, string? description = null)
        => Open(compressed, format, limits, leaveOpen, description, strictGzip: GzipValidation.Strict);

    /// <summary>Tests force <paramref name="strictGzip"/> false to cover the trailer check used when the BCL cannot detect truncation.</summary>
    internal static DecompressingStream Open(Stream compressed, CompressionFormat format, DecompressionLimits limits,
        bool leaveOpen, string? description, bool strictGzip)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        ArgumentNullException.ThrowIfNull(limits);
        // SharpCompress' xz decoder needs full reads; the LZMA end check needs to see every short read.
        var source = new CountingReadStream(compressed, leaveOpen, fill: format != CompressionFormat.Lzma);
        try
        {
            var decoder = CreateDecoder(source, format, limits, description);
            var endCheck = format switch
            {
                CompressionFormat.Lzma => DecompressingStream.EndCheck.NoReadPastEnd,
                CompressionFormat.Gzip when !strictGzip => DecompressingStream.EndCheck.GzipTrailer,
                _ => DecompressingStream.EndCheck.None,
            };
            return new DecompressingStream(decoder, source, format, limits, description, endCheck);
        }
        catch (Exception ex) when (ex is not InvalidDataException && ex is not OperationCanceledException && !source.SourceFailed)
        {
            source.Dispose();
            throw new InvalidDataException($"Corrupt {Name(format)} stream{(description is null ? "" : $" '{description}'")}: {ex.Message}", ex);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Peeks at the first bytes to detect the format (<see cref="CompressionDetector"/>), replays them, and opens the
    /// stream; uncompressed input passes through (still bounded by <paramref name="limits"/>).
    /// </summary>
    public static DecompressingStream Open(Stream compressed, DecompressionLimits limits, bool leaveOpen = false, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        var head = new byte[CompressionDetector.HeadLength];
        var length = 0;
        while (length < head.Length)
        {
            var read = compressed.Read(head, length, head.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var format = CompressionDetector.Detect(head.AsSpan(0, length));
        return Open(new ReplayStream(head.AsMemory(0, length), compressed, leaveOpen), format, limits, leaveOpen: false, description);
    }

    /// <summary>The lower-case name of a format, as rpm's PAYLOADCOMPRESSOR spells it.</summary>
    public static string Name(CompressionFormat format) => format switch
    {
        CompressionFormat.None => "uncompressed",
        CompressionFormat.Gzip => "gzip",
        CompressionFormat.Bzip2 => "bzip2",
        CompressionFormat.Xz => "xz",
        CompressionFormat.Lzma => "lzma",
        CompressionFormat.Zstd => "zstd",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown compression format."),
    };

    private static Stream CreateDecoder(CountingReadStream source, CompressionFormat format, DecompressionLimits limits, string? description)
        => format switch
        {
            CompressionFormat.None => source,
            CompressionFormat.Gzip => new GZipStream(source, CompressionMode.Decompress, leaveOpen: true),
            CompressionFormat.Bzip2 => BZip2Stream.Create(source, SharpCompressionMode.Decompress, decompressConcatenated: true,
                leaveOpen: true, tolerateTruncatedStream: false),
            CompressionFormat.Xz => new XZStream(source),
            CompressionFormat.Lzma => OpenLzmaAlone(source, limits, description),
            CompressionFormat.Zstd => OpenZstd(source),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown compression format."),
        };

    /// <summary>
    /// LZMA "alone" (the .lzma format of LZMA Utils, what liblzma's lzma_alone_encoder and so rpm's lzdio write):
    /// 1 byte lc/lp/pb properties, 4 bytes little-endian dictionary size, 8 bytes little-endian uncompressed size
    /// (all ones: unknown, the stream ends with an end marker), then raw LZMA1 data.
    /// </summary>
    private static LzmaStream OpenLzmaAlone(Stream source, DecompressionLimits limits, string? description)
    {
        var header = new byte[LzmaHeaderLength];
        var length = 0;
        while (length < header.Length)
        {
            var read = source.Read(header, length, header.Length - length);
            if (read == 0)
            {
                throw new InvalidDataException($"Truncated lzma header{(description is null ? "" : $" in '{description}'")}: {length} of {LzmaHeaderLength} bytes.");
            }

            length += read;
        }

        if (header[0] >= 9 * 5 * 5)
        {
            throw new InvalidDataException($"lzma header: properties byte 0x{header[0]:x2} is invalid (must be below 225).");
        }

        var size = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(5));
        if (size != ulong.MaxValue && size > (ulong)limits.MaxOutputBytes)
        {
            throw new InvalidDataException(
                $"lzma header declares {size} uncompressed bytes, beyond the output limit of {limits.MaxOutputBytes} bytes (MaxOutputBytes).");
        }

        var outputSize = size == ulong.MaxValue ? -1 : (long)size;
        return LzmaStream.Create(header[..5], source, -1, outputSize, leaveOpen: true);
    }

    private static ZstdSharp.DecompressionStream OpenZstd(Stream source)
    {
        var decompressor = new ZstdSharp.Decompressor();
        decompressor.SetParameter(ZstdSharp.Unsafe.ZSTD_dParameter.ZSTD_d_windowLogMax, MaxZstdWindowLog);
        return new ZstdSharp.DecompressionStream(source, decompressor, bufferSize: 0, checkEndOfStream: true,
            preserveDecompressor: false, leaveOpen: true);
    }
}
