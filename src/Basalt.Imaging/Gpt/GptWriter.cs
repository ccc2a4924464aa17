using System.Buffers.Binary;
using System.Text;
using Basalt.IO;
using static Basalt.Imaging.Gpt.GptLayout;

namespace Basalt.Imaging.Gpt;

/// <summary>
/// Writes a GPT: the primary region (protective MBR, header at LBA 1, entries from LBA 2) and the backup
/// region (entries, then the backup header in the last LBA), UEFI 5.3.
/// </summary>
public static class GptWriter
{
    /// <summary>Bytes of the primary region: LBA 0 to 33.</summary>
    public const int PrimaryRegionBytes = (int)(FirstUsableLba * SectorSize);

    /// <summary>Bytes of the backup region: the last 33 LBAs.</summary>
    public const int BackupRegionBytes = (int)(BackupSectors * SectorSize);

    /// <summary>Checks the table: partitions inside the usable range, no overlaps, names that fit, distinct non-zero GUIDs.</summary>
    public static void Validate(GptTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Partitions.Count > EntryCount)
        {
            throw new ArgumentException($"A GPT holds at most {EntryCount} partitions; got {table.Partitions.Count}.", nameof(table));
        }

        var numbers = new HashSet<int>();
        var uniques = new HashSet<Guid>();
        foreach (var p in table.Partitions)
        {
            var where = $"partition {p.Number} '{p.Name}'";
            if (p.Number is < 1 or > EntryCount || !numbers.Add(p.Number))
            {
                throw new ArgumentException($"GPT {where}: number must be unique and between 1 and {EntryCount}.", nameof(table));
            }

            if (p.Type == Guid.Empty || p.UniqueId == Guid.Empty || !uniques.Add(p.UniqueId))
            {
                throw new ArgumentException($"GPT {where}: type and unique GUIDs must be non-zero and unique GUIDs distinct.", nameof(table));
            }

            if (p.FirstLba < table.FirstUsableLba || p.LastLba > table.LastUsableLba || p.FirstLba > p.LastLba)
            {
                throw new ArgumentException(
                    $"GPT {where}: LBAs {p.FirstLba}–{p.LastLba} are outside the usable range {table.FirstUsableLba}–{table.LastUsableLba}.", nameof(table));
            }

            if (p.Name.Length > EntryNameChars)
            {
                throw new ArgumentException($"GPT {where}: the name is longer than {EntryNameChars} UTF-16 code units.", nameof(table));
            }
        }

        var sorted = table.Partitions.OrderBy(p => p.FirstLba).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].FirstLba <= sorted[i - 1].LastLba)
            {
                throw new ArgumentException($"GPT partitions '{sorted[i - 1].Name}' and '{sorted[i].Name}' overlap.", nameof(table));
            }
        }
    }

    public static byte[] BuildPrimary(GptTable table)
    {
        Validate(table);
        var region = new byte[PrimaryRegionBytes];
        WriteProtectiveMbr(region.AsSpan(0, SectorSize), table.DiskSectors);
        var entries = region.AsSpan(2 * SectorSize, EntryArrayBytes);
        WriteEntries(entries, table);
        WriteHeader(region.AsSpan(SectorSize, SectorSize), table, myLba: 1, alternateLba: table.DiskSectors - 1, entryLba: 2,
            Crc32.Compute(entries));
        return region;
    }

    public static byte[] BuildBackup(GptTable table)
    {
        Validate(table);
        var region = new byte[BackupRegionBytes];
        var entries = region.AsSpan(0, EntryArrayBytes);
        WriteEntries(entries, table);
        var lastLba = table.DiskSectors - 1;
        WriteHeader(region.AsSpan(EntryArrayBytes, SectorSize), table, myLba: lastLba, alternateLba: 1,
            entryLba: lastLba - EntryArraySectors, Crc32.Compute(entries));
        return region;
    }

    private static void WriteProtectiveMbr(Span<byte> sector, long diskSectors)
    {
        var record = sector.Slice(MbrPartitionRecordOffset, 16);
        record[0] = 0x00;                     // not bootable
        record[1] = 0x00; record[2] = 0x02; record[3] = 0x00; // starting CHS 0/0/2 = LBA 1
        record[4] = ProtectiveOsType;
        record[5] = 0xFF; record[6] = 0xFF; record[7] = 0xFF; // ending CHS not representable (UEFI 5.2.3)
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)Math.Min(diskSectors - 1, uint.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(sector[MbrBootSignatureOffset..], MbrBootSignature);
    }

    private static void WriteEntries(Span<byte> entries, GptTable table)
    {
        foreach (var p in table.Partitions)
        {
            var entry = entries.Slice((p.Number - 1) * EntrySize, EntrySize);
            p.Type.TryWriteBytes(entry[EntryTypeOffset..]);
            p.UniqueId.TryWriteBytes(entry[EntryUniqueOffset..]);
            BinaryPrimitives.WriteInt64LittleEndian(entry[EntryFirstLbaOffset..], p.FirstLba);
            BinaryPrimitives.WriteInt64LittleEndian(entry[EntryLastLbaOffset..], p.LastLba);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[EntryAttributesOffset..], p.Attributes);
            Encoding.Unicode.GetBytes(p.Name, entry.Slice(EntryNameOffset, EntryNameBytes));
        }
    }

    private static void WriteHeader(Span<byte> sector, GptTable table, long myLba, long alternateLba, long entryLba, uint entryCrc)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(sector[HeaderSignatureOffset..], Signature);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[HeaderRevisionOffset..], Revision);
        BinaryPrimitives.WriteInt32LittleEndian(sector[HeaderSizeOffset..], HeaderSize);
        BinaryPrimitives.WriteInt64LittleEndian(sector[HeaderMyLbaOffset..], myLba);
        BinaryPrimitives.WriteInt64LittleEndian(sector[HeaderAlternateLbaOffset..], alternateLba);
        BinaryPrimitives.WriteInt64LittleEndian(sector[HeaderFirstUsableOffset..], table.FirstUsableLba);
        BinaryPrimitives.WriteInt64LittleEndian(sector[HeaderLastUsableOffset..], table.LastUsableLba);
        table.DiskGuid.TryWriteBytes(sector[HeaderDiskGuidOffset..]);
        BinaryPrimitives.WriteInt64LittleEndian(sector[HeaderEntryLbaOffset..], entryLba);
        BinaryPrimitives.WriteInt32LittleEndian(sector[HeaderEntryCountOffset..], EntryCount);
        BinaryPrimitives.WriteInt32LittleEndian(sector[HeaderEntrySizeOffset..], EntrySize);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[HeaderEntryArrayCrcOffset..], entryCrc);
        // The header CRC covers HeaderSize bytes with its own field zeroed (UEFI 5.3.2).
        BinaryPrimitives.WriteUInt32LittleEndian(sector[HeaderCrcOffset..], Crc32.Compute(sector[..HeaderSize]));
    }
}
