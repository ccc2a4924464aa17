using System.Buffers.Binary;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;
using static Basalt.Imaging.Gpt.GptLayout;

namespace Basalt.Imaging.Cosi;

/// <summary>
/// The primary GPT region as COSI 1.2 defines it ("GUID Partition Table (GPT) File"): offset 0 to the end of the
/// entry array named by the primary header, and its validation with the GPT reader (valid header and CRCs, no
/// overlapping partitions, as the spec requires).
/// </summary>
internal static class CosiGpt
{
    /// <summary>The end offset of the entry array, read from the primary header at LBA 1 of <paramref name="region"/>.</summary>
    public static long RegionLength(ReadOnlySpan<byte> region, string where)
    {
        if (region.Length < 2 * SectorSize)
        {
            throw new InvalidDataException($"COSI {where}: the primary GPT region is {region.Length} bytes, too short for a protective MBR and a GPT header.");
        }

        var header = region.Slice(SectorSize, SectorSize);
        if (BinaryPrimitives.ReadUInt64LittleEndian(header) != Signature)
        {
            throw new InvalidDataException($"COSI {where}: no \"EFI PART\" signature at offset {SectorSize}.");
        }

        var entryLba = BinaryPrimitives.ReadUInt64LittleEndian(header[HeaderEntryLbaOffset..]);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(header[HeaderEntryCountOffset..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(header[HeaderEntrySizeOffset..]);
        if (entryLba < 2 || entryLba > int.MaxValue / SectorSize || (long)count * size > MaxEntryArrayBytes)
        {
            throw new InvalidDataException($"COSI {where}: GPT entry array at LBA {entryLba} with {count} entries of {size} bytes is out of range.");
        }

        return checked(((long)entryLba * SectorSize) + ((long)count * size));
    }

    /// <summary>Reads the GPT from the primary region alone, on a disk of <paramref name="diskSize"/> bytes.</summary>
    public static GptTable Read(byte[] region, long diskSize, string where)
    {
        using var view = new RegionDiskView(region, diskSize);
        try
        {
            if (!GptReader.TryRead(view, out var table))
            {
                throw new InvalidDataException($"COSI {where}: the primary GPT region holds no GPT.");
            }

            if (table.Warnings.Any(w => w.StartsWith("primary", StringComparison.Ordinal)))
            {
                throw new InvalidDataException($"COSI {where}: the primary GPT header is not valid ({string.Join("; ", table.Warnings)}).");
            }

            return table;
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("COSI", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"COSI {where}: {e.Message}", e);
        }
    }

    /// <summary>A disk that holds <paramref name="region"/> at offset 0 and zeros elsewhere.</summary>
    private sealed class RegionDiskView(byte[] region, long size) : DiskView
    {
        public override string Format => "cosi-gpt";

        public override long Size => size;

        protected override void ReadCore(long offset, Span<byte> buffer)
        {
            buffer.Clear();
            if (offset < region.Length)
            {
                var available = (int)Math.Min(buffer.Length, region.Length - offset);
                region.AsSpan((int)offset, available).CopyTo(buffer);
            }
        }
    }
}
