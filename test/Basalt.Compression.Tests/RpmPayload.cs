using System.Buffers.Binary;

namespace Basalt.Compression.Tests;

/// <summary>
/// Cuts the raw (still compressed) payload out of an RPM file for codec tests, without depending on Basalt.Rpm:
/// a 96-byte lead, the signature header (padded to 8 bytes), the main header, then the payload to the end of file
/// (RPM v4 file format: each header is 16 bytes of magic/reserved/count/size, 16 bytes per index entry, the store).
/// </summary>
internal static class RpmPayload
{
    private const int LeadLength = 96;
    private const int HeaderIntroLength = 16;
    private const int IndexEntryLength = 16;

    public static byte[] RawPayload(string rpmPath)
    {
        var bytes = File.ReadAllBytes(rpmPath);
        var offset = LeadLength;
        offset = SkipHeader(bytes, offset);
        offset = (offset + 7) & ~7; // the signature header is padded to a multiple of 8
        offset = SkipHeader(bytes, offset);
        return bytes[offset..];
    }

    private static int SkipHeader(byte[] bytes, int offset)
    {
        var intro = bytes.AsSpan(offset, HeaderIntroLength);
        if (intro[0] != 0x8e || intro[1] != 0xad || intro[2] != 0xe8)
        {
            throw new InvalidDataException($"No RPM header magic at offset {offset}.");
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(intro[8..]);
        var storeSize = BinaryPrimitives.ReadInt32BigEndian(intro[12..]);
        return offset + HeaderIntroLength + (count * IndexEntryLength) + storeSize;
    }
}
