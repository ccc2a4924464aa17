namespace Basalt.IO;

/// <summary>
/// The IEEE 802.3 CRC-32 (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF) shared by
/// gzip's trailer (RFC 1952 section 8) and GPT's header and entry array (UEFI 2.10 section 5.3.2).
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Update(0, data);

    /// <summary>Continues a CRC-32: <paramref name="crc"/> is the value for the bytes so far (0 before any).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xff] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
