using Basalt.Compression;

namespace Basalt.Repositories.Metadata;

/// <summary>
/// Opens a metadata file for parsing: the compression is detected by magic number (plain, gzip, bzip2, xz, zstd),
/// the output is bounded, and zchunk files, which rpm-md also allows, are refused with a clear message.
/// </summary>
public static class MetadataFiles
{
    /// <summary>Metadata larger than this once decompressed is refused (AppStream's primary is 52 MB).</summary>
    public const long MaxOpenBytes = 4L << 30;

    private static ReadOnlySpan<byte> ZchunkMagic => "\0ZCK1"u8;

    /// <summary>Opens <paramref name="compressed"/> (left open when <paramref name="leaveOpen"/>), naming it <paramref name="description"/>.</summary>
    public static DecompressingStream Open(Stream compressed, string description, long? expectedOpenSize = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        var limits = new DecompressionLimits
        {
            MaxOutputBytes = expectedOpenSize is { } size ? Math.Min(size, MaxOpenBytes) : MaxOpenBytes,
            // XML compresses very well: AppStream's primary is 14:1 with gzip; zstd -19 of file lists reaches 60:1.
            MaxRatio = 1000,
        };
        if (compressed.CanSeek && IsZchunk(compressed))
        {
            throw new InvalidDataException($"'{description}' is zchunk-compressed, which is not supported; use the gzip, xz, bzip2 or zstd variant.");
        }

        return Decompression.Open(compressed, limits, leaveOpen, description);
    }

    /// <summary>Opens the metadata file at <paramref name="path"/>.</summary>
    public static DecompressingStream Open(string path, long? expectedOpenSize = null)
        => Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), path, expectedOpenSize);

    private static bool IsZchunk(Stream compressed)
    {
        long position = compressed.Position;
        Span<byte> head = stackalloc byte[5];
        int read = compressed.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        compressed.Position = position;
        return head[..read].SequenceEqual(ZchunkMagic);
    }
}
