using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Basalt.Imaging.Erofs;

/// <summary>Fills struct erofs_super_block and its checksum.</summary>
internal static class ErofsSuperblock
{
    /// <summary>Writes the superblock into <paramref name="firstBlock"/> (the image's block 0, inodes already in place).</summary>
    public static void Write(Span<byte> firstBlock, ErofsPlan plan, ErofsWriterOptions options)
    {
        var sb = firstBlock.Slice(ErofsLayout.SuperblockOffset, ErofsLayout.SuperblockSize);
        sb.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(sb[ErofsLayout.SbMagic..], ErofsLayout.Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[ErofsLayout.SbFeatureCompat..],
            ErofsLayout.FeatureCompatSuperblockChecksum | ErofsLayout.FeatureCompatMtime);
        sb[ErofsLayout.SbBlockSizeBits] = ErofsLayout.BlockSizeBits;
        BinaryPrimitives.WriteUInt16LittleEndian(sb[ErofsLayout.SbRootNid..], (ushort)plan.Inodes[0].Nid);
        BinaryPrimitives.WriteUInt64LittleEndian(sb[ErofsLayout.SbInodeCount..], (ulong)plan.Inodes.Count);
        BinaryPrimitives.WriteInt64LittleEndian(sb[ErofsLayout.SbBuildTime..], options.BuildTime.Seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[ErofsLayout.SbBuildTimeNanoseconds..], options.BuildTime.Nanoseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[ErofsLayout.SbBlocks..], (uint)plan.TotalBlocks);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[ErofsLayout.SbMetaBlockAddress..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[ErofsLayout.SbXattrBlockAddress..], 0);
        options.Uuid.TryWriteBytes(sb.Slice(ErofsLayout.SbUuid, 16), bigEndian: true, out _);
        if (!string.IsNullOrEmpty(options.VolumeName))
        {
            var name = Encoding.UTF8.GetBytes(options.VolumeName);
            if (name.Length > ErofsLayout.VolumeNameLength)
            {
                throw new ArgumentException($"EROFS volume name '{options.VolumeName}' is longer than {ErofsLayout.VolumeNameLength} bytes.", nameof(options));
            }

            name.CopyTo(sb[ErofsLayout.SbVolumeName..]);
        }

        // The kernel checks crc32c(~0, bytes 1024..block end with the checksum field zeroed) without the
        // final inversion (erofs_superblock_csum_verify), so the raw register value is stored.
        var crc = uint.MaxValue;
        var covered = firstBlock[ErofsLayout.SuperblockOffset..ErofsLayout.BlockSize];
        for (var i = 0; i + 8 <= covered.Length; i += 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(covered[i..]));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(sb[ErofsLayout.SbChecksum..], crc);
    }
}
