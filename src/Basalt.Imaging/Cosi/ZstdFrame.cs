using System.Buffers.Binary;
using System.Numerics;

namespace Basalt.Imaging.Cosi;

/// <summary>
/// Reads the window size a zstd frame header declares (RFC 8878 section 3.1.1.1), which COSI 1.2's
/// <c>compression.maxWindowLog</c> must cover for every image.
/// </summary>
internal static class ZstdFrame
{
    private const uint Magic = 0xFD2FB528;
    private const int MinWindowLog = 10;

    /// <summary>The base-2 log of the window the first frame needs, rounded up; throws when it is not a zstd frame.</summary>
    public static int WindowLog(ReadOnlySpan<byte> frame, string where)
    {
        if (frame.Length < 6 || BinaryPrimitives.ReadUInt32LittleEndian(frame) != Magic)
        {
            throw new InvalidDataException($"COSI {where}: not a zstd frame (magic 28 B5 2F FD expected at offset 0).");
        }

        var descriptor = frame[4];
        var singleSegment = (descriptor & 0x20) != 0;
        if (!singleSegment)
        {
            // Window_Descriptor: exponent in the high 5 bits, mantissa in the low 3 (section 3.1.1.1.2).
            var windowByte = frame[5];
            var log = MinWindowLog + (windowByte >> 3);
            var mantissa = windowByte & 7;
            return mantissa == 0 ? log : log + 1;
        }

        // Single segment: the window is the content size (section 3.1.1.1.4), after an optional dictionary id.
        var dictionaryBytes = (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var sizeBytes = (descriptor >> 6) switch { 0 => 1, 1 => 2, 2 => 4, _ => 8 };
        var offset = 5 + dictionaryBytes;
        if (frame.Length < offset + sizeBytes)
        {
            throw new InvalidDataException($"COSI {where}: zstd frame header is truncated.");
        }

        var field = frame.Slice(offset, sizeBytes);
        var contentSize = sizeBytes switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(field) + 256UL,
            4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(field),
        };
        if (contentSize <= 1UL << MinWindowLog)
        {
            return MinWindowLog;
        }

        return 64 - BitOperations.LeadingZeroCount(contentSize - 1);
    }
}
