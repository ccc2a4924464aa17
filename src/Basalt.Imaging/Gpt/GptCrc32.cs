namespace Basalt.Imaging.Gpt;

/// <summary>
/// The CRC-32 GPT uses for its header and entry array (UEFI 5.3.2 and Appendix: the IEEE 802.3 polynomial,
/// reflected 0xEDB88320, initial value and final XOR 0xFFFFFFFF).
/// </summary>
internal static class GptCrc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var value = i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? 0xEDB88320u ^ (value >> 1) : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}
