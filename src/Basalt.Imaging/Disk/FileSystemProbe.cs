using System.Buffers.Binary;
using System.Text;

namespace Basalt.Imaging.Disk;

/// <summary>What a partition holds, recognised by its magic number.</summary>
public sealed record FileSystemSignature(string Type, string? Label = null, string? Uuid = null, string? Detail = null);

/// <summary>
/// Recognises the file systems an image is made of from their superblocks: EROFS (magic 0xE0F5E1E2 at 1024),
/// ext2/3/4 (0xEF53 at 1024+56), squashfs ("hsqs" at 0), a dm-verity hash device ("verity\0\0" at 0, the
/// veritysetup superblock), and FAT12/16/32 (0x55AA at 510 with a plausible BIOS parameter block).
/// </summary>
public static class FileSystemProbe
{
    private const int ProbeBytes = 4096;

    public static FileSystemSignature? Probe(DiskView disk, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(disk);
        if (length < 512)
        {
            return null;
        }

        var buffer = new byte[(int)Math.Min(ProbeBytes, length)];
        disk.ReadAt(offset, buffer);
        return Probe(buffer);
    }

    public static FileSystemSignature? Probe(ReadOnlySpan<byte> start)
    {
        if (start.Length >= 1024 + 128 && BinaryPrimitives.ReadUInt32LittleEndian(start[1024..]) == 0xE0F5E1E2)
        {
            var sb = start[1024..];
            return new FileSystemSignature("erofs", Text(sb.Slice(64, 16)), new Guid(sb.Slice(48, 16), bigEndian: true).ToString(),
                $"block size {1 << Math.Min((int)sb[12], 30)}");
        }

        if (start.Length >= 1024 + 136 && BinaryPrimitives.ReadUInt16LittleEndian(start[(1024 + 56)..]) == 0xEF53)
        {
            var sb = start[1024..];
            return new FileSystemSignature("ext4", Text(sb.Slice(120, 16)), new Guid(sb.Slice(104, 16), bigEndian: true).ToString());
        }

        if (start.Length >= 4 && start[..4].SequenceEqual("hsqs"u8))
        {
            return new FileSystemSignature("squashfs");
        }

        if (start.Length >= 96 && start[..8].SequenceEqual("verity\0\0"u8))
        {
            var algorithm = Text(start.Slice(32, 32));
            var dataBlockSize = BinaryPrimitives.ReadUInt32LittleEndian(start[64..]);
            var dataBlocks = BinaryPrimitives.ReadUInt64LittleEndian(start[72..]);
            return new FileSystemSignature("verity", null, new Guid(start.Slice(16, 16), bigEndian: true).ToString(),
                $"{algorithm}, {dataBlocks} data blocks of {dataBlockSize}");
        }

        return ProbeFat(start);
    }

    private static FileSystemSignature? ProbeFat(ReadOnlySpan<byte> boot)
    {
        if (boot.Length < 512 || BinaryPrimitives.ReadUInt16LittleEndian(boot[510..]) != 0xAA55)
        {
            return null;
        }

        var bytesPerSector = BinaryPrimitives.ReadUInt16LittleEndian(boot[11..]);
        var sectorsPerCluster = boot[13];
        if (bytesPerSector is not (512 or 1024 or 2048 or 4096) || sectorsPerCluster == 0 || (sectorsPerCluster & (sectorsPerCluster - 1)) != 0)
        {
            return null;
        }

        if (boot.Slice(82, 8).SequenceEqual("FAT32   "u8))
        {
            return new FileSystemSignature("vfat", Text(boot.Slice(71, 11)), VolumeId(boot[67..]), "FAT32");
        }

        var type = boot.Slice(54, 8);
        if (type.SequenceEqual("FAT16   "u8) || type.SequenceEqual("FAT12   "u8) || type.SequenceEqual("FAT     "u8))
        {
            return new FileSystemSignature("vfat", Text(boot.Slice(43, 11)), VolumeId(boot[39..]), Text(type));
        }

        return null;
    }

    private static string VolumeId(ReadOnlySpan<byte> field) => Fat.FatVolumeId.Format(BinaryPrimitives.ReadUInt32LittleEndian(field));

    private static string? Text(ReadOnlySpan<byte> field)
    {
        var nul = field.IndexOf((byte)0);
        var text = Encoding.ASCII.GetString(nul >= 0 ? field[..nul] : field).Trim();
        return text.Length == 0 ? null : text;
    }
}
