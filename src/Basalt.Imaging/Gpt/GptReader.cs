using System.Buffers.Binary;
using System.Text;
using Basalt.Imaging.Disk;
using Basalt.IO;
using static Basalt.Imaging.Gpt.GptLayout;

namespace Basalt.Imaging.Gpt;

/// <summary>
/// Reads a GPT from a disk view, checking it as UEFI 5.3.2 says firmware must: signature, header size and
/// CRC, MyLBA, entry array CRC, usable range inside the disk. When the primary header is damaged the backup
/// (from the last LBA) is used and a warning recorded. Every size is capped before allocating.
/// </summary>
public static class GptReader
{
    /// <summary>Returns false when neither LBA 1 nor the last LBA holds "EFI PART"; throws for a damaged GPT.</summary>
    public static bool TryRead(DiskView disk, out GptTable table)
    {
        ArgumentNullException.ThrowIfNull(disk);
        table = null!;
        var sectors = disk.Size / SectorSize;
        if (sectors < 3)
        {
            return false;
        }

        var warnings = new List<string>();
        var mbr = new byte[SectorSize];
        disk.ReadAt(0, mbr);
        if (BinaryPrimitives.ReadUInt16LittleEndian(mbr.AsSpan(MbrBootSignatureOffset)) != MbrBootSignature
            || mbr[MbrPartitionRecordOffset + 4] != ProtectiveOsType)
        {
            warnings.Add("no protective MBR (type 0xEE) at offset 446");
        }

        var primary = TryReadHeader(disk, 1, sectors, out var primaryError);
        if (primary is not null)
        {
            var backup = TryReadHeader(disk, sectors - 1, sectors, out var backupError);
            if (backup is null)
            {
                warnings.Add($"backup GPT header: {backupError}");
            }

            table = primary with { Warnings = warnings };
            return true;
        }

        var fromBackup = TryReadHeader(disk, sectors - 1, sectors, out var secondError);
        if (fromBackup is not null)
        {
            warnings.Add($"primary GPT header: {primaryError}; using the backup");
            table = fromBackup with { Warnings = warnings };
            return true;
        }

        if (primaryError == NoSignature && secondError == NoSignature)
        {
            return false;
        }

        throw new InvalidDataException($"GPT: {(primaryError == NoSignature ? secondError : primaryError)}");
    }

    private const string NoSignature = "no signature";

    private static GptTable? TryReadHeader(DiskView disk, long lba, long sectors, out string error)
    {
        var offset = lba * SectorSize;
        var header = new byte[SectorSize];
        disk.ReadAt(offset, header);
        if (BinaryPrimitives.ReadUInt64LittleEndian(header) != Signature)
        {
            error = NoSignature;
            return null;
        }

        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(HeaderSizeOffset));
        if (headerSize < HeaderSize || headerSize > SectorSize)
        {
            error = $"header size {headerSize} at offset {offset + HeaderSizeOffset} is not between {HeaderSize} and {SectorSize}";
            return null;
        }

        var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(HeaderCrcOffset));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(HeaderCrcOffset), 0);
        var actualCrc = Crc32.Compute(header.AsSpan(0, (int)headerSize));
        if (storedCrc != actualCrc)
        {
            error = $"header CRC32 0x{storedCrc:x8} at offset {offset + HeaderCrcOffset} does not match the computed 0x{actualCrc:x8}";
            return null;
        }

        var myLba = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(HeaderMyLbaOffset));
        var firstUsable = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(HeaderFirstUsableOffset));
        var lastUsable = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(HeaderLastUsableOffset));
        var entryLba = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(HeaderEntryLbaOffset));
        var entryCount = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(HeaderEntryCountOffset));
        var entrySize = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(HeaderEntrySizeOffset));
        var entryCrc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(HeaderEntryArrayCrcOffset));
        if (myLba != lba)
        {
            error = $"header at offset {offset} says MyLBA {myLba}";
            return null;
        }

        if (firstUsable < 0 || lastUsable >= sectors || firstUsable > lastUsable)
        {
            error = $"usable range {firstUsable}–{lastUsable} (header at offset {offset}) does not fit the {sectors}-sector disk";
            return null;
        }

        if (entrySize < EntrySize || entrySize > MaxEntrySize || entrySize % EntrySize != 0
            || entryCount == 0 || (ulong)entryCount * entrySize > MaxEntryArrayBytes)
        {
            error = $"entry array of {entryCount} entries of {entrySize} bytes (header at offset {offset}) is not supported (entry size a multiple of 128 up to {MaxEntrySize}, at most {MaxEntryArrayBytes} bytes)";
            return null;
        }

        var arrayBytes = (int)(entryCount * entrySize);
        var arraySectors = (arrayBytes + SectorSize - 1) / SectorSize;
        if (entryLba < 1 || entryLba > sectors - arraySectors)
        {
            error = $"entry array LBA {entryLba} (header at offset {offset}) is outside the disk";
            return null;
        }

        var entries = new byte[arrayBytes];
        disk.ReadAt(entryLba * SectorSize, entries);
        var actualEntryCrc = Crc32.Compute(entries);
        if (actualEntryCrc != entryCrc)
        {
            error = $"entry array CRC32 0x{entryCrc:x8} (header at offset {offset}) does not match the computed 0x{actualEntryCrc:x8} of the array at offset {entryLba * SectorSize}";
            return null;
        }

        var diskGuid = new Guid(header.AsSpan(HeaderDiskGuidOffset, 16));
        var partitions = ParseEntries(entries, (int)entryCount, (int)entrySize, entryLba * SectorSize, firstUsable, lastUsable);
        error = "";
        return new GptTable(diskGuid, sectors, firstUsable, lastUsable, partitions) { EntryCount = (int)entryCount, EntrySize = (int)entrySize };
    }

    private static List<GptPartition> ParseEntries(byte[] entries, int count, int size, long arrayOffset, long firstUsable, long lastUsable)
    {
        var partitions = new List<GptPartition>();
        for (var i = 0; i < count; i++)
        {
            var entry = entries.AsSpan(i * size, EntrySize);
            var type = new Guid(entry.Slice(EntryTypeOffset, 16));
            if (type == Guid.Empty)
            {
                continue;
            }

            var first = BinaryPrimitives.ReadInt64LittleEndian(entry[EntryFirstLbaOffset..]);
            var last = BinaryPrimitives.ReadInt64LittleEndian(entry[EntryLastLbaOffset..]);
            if (first < firstUsable || last > lastUsable || first > last)
            {
                throw new InvalidDataException(
                    $"GPT: partition {i + 1} (entry at offset {arrayOffset + ((long)i * size)}) spans LBAs {first}–{last}, outside the usable range {firstUsable}–{lastUsable}.");
            }

            var name = Encoding.Unicode.GetString(entry.Slice(EntryNameOffset, EntryNameBytes));
            var nul = name.IndexOf('\0', StringComparison.Ordinal);
            partitions.Add(new GptPartition(i + 1, type, new Guid(entry.Slice(EntryUniqueOffset, 16)), first, last,
                BinaryPrimitives.ReadUInt64LittleEndian(entry[EntryAttributesOffset..]), nul >= 0 ? name[..nul] : name));
        }

        var sorted = partitions.OrderBy(p => p.FirstLba).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].FirstLba <= sorted[i - 1].LastLba)
            {
                throw new InvalidDataException($"GPT: partitions {sorted[i - 1].Number} and {sorted[i].Number} overlap at LBA {sorted[i].FirstLba}.");
            }
        }

        return partitions;
    }
}
