using System.IO.Compression;
using System.Buffers.Binary;

namespace Basalt.IO.Tests;

public sealed class Crc32Tests
{
    [Fact]
    public void Compute_CheckString_MatchesIeeeCheckValue()
    {
        // The catalogue check value of CRC-32/ISO-HDLC (the gzip and GPT variant) over "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Update_InPieces_EqualsGzipTrailer()
    {
        var data = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 31)).ToArray();
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        // RFC 1952 section 2.3.1: CRC32 then ISIZE close the member.
        var trailer = BinaryPrimitives.ReadUInt32LittleEndian(output.ToArray().AsSpan((int)output.Length - 8));
        var crc = Crc32.Update(0, data.AsSpan(0, 4097));
        crc = Crc32.Update(crc, data.AsSpan(4097));
        Assert.Equal(trailer, crc);
    }
}
