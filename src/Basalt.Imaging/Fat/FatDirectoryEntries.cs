using System.Buffers.Binary;
using static Basalt.Imaging.Fat.FatLayout;

namespace Basalt.Imaging.Fat;

/// <summary>Encodes 32-byte short entries and the long-name entries that precede them (fatgen103 sections 6 and 7).</summary>
internal static class FatDirectoryEntries
{
    // Short entry fields (fatgen103 section 6).
    private const int AttributeOffset = 11;
    private const int CreationTenthOffset = 13;
    private const int CreationTimeOffset = 14;
    private const int CreationDateOffset = 16;
    private const int AccessDateOffset = 18;
    private const int ClusterHighOffset = 20;
    private const int WriteTimeOffset = 22;
    private const int WriteDateOffset = 24;
    private const int ClusterLowOffset = 26;
    private const int FileSizeOffset = 28;

    // Long entry fields (fatgen103 section 7).
    private const int LongName1Offset = 1;
    private const int LongChecksumOffset = 13;
    private const int LongName2Offset = 14;
    private const int LongName3Offset = 28;

    public static void WriteShort(Span<byte> entry, ReadOnlySpan<byte> name11, byte attributes, uint firstCluster, uint size, FatTime time)
    {
        name11[..11].CopyTo(entry);
        entry[AttributeOffset] = attributes;
        entry[CreationTenthOffset] = time.Hundredths;
        BinaryPrimitives.WriteUInt16LittleEndian(entry[CreationTimeOffset..], time.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[CreationDateOffset..], time.Date);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[AccessDateOffset..], time.Date);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[ClusterHighOffset..], (ushort)(firstCluster >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(entry[WriteTimeOffset..], time.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[WriteDateOffset..], time.Date);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[ClusterLowOffset..], (ushort)firstCluster);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[FileSizeOffset..], size);
    }

    public static int LongEntryCount(string name) => (name.Length + LongNameCharsPerEntry - 1) / LongNameCharsPerEntry;

    /// <summary>Writes the long-name entries for <paramref name="name"/>: highest ordinal first, flagged 0x40.</summary>
    public static void WriteLong(Span<byte> entries, string name, byte checksum)
    {
        var count = LongEntryCount(name);
        for (var ordinal = 1; ordinal <= count; ordinal++)
        {
            var entry = entries.Slice((count - ordinal) * DirectoryEntrySize, DirectoryEntrySize);
            entry[0] = (byte)(ordinal | (ordinal == count ? LastLongEntry : 0));
            entry[AttributeOffset] = AttributeLongName;
            entry[LongChecksumOffset] = checksum;
            var start = (ordinal - 1) * LongNameCharsPerEntry;
            for (var i = 0; i < LongNameCharsPerEntry; i++)
            {
                // After the name: one NUL, then 0xFFFF padding (fatgen103 section 7).
                var index = start + i;
                var c = index < name.Length ? name[index] : index == name.Length ? '\0' : '\uFFFF';
                var offset = i switch
                {
                    < 5 => LongName1Offset + (i * 2),
                    < 11 => LongName2Offset + ((i - 5) * 2),
                    _ => LongName3Offset + ((i - 11) * 2),
                };
                BinaryPrimitives.WriteUInt16LittleEndian(entry[offset..], c);
            }
        }
    }
}
