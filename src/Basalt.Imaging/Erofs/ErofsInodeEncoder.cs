using System.Buffers.Binary;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Erofs;

/// <summary>Encodes struct erofs_inode_compact (32 bytes) and struct erofs_inode_extended (64 bytes).</summary>
internal static class ErofsInodeEncoder
{
    public static void Encode(ErofsInode inode, Span<byte> destination)
    {
        var node = inode.Node;
        var version = inode.Extended ? ErofsLayout.InodeVersionExtended : ErofsLayout.InodeVersionCompact;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[ErofsLayout.InFormat..], (ushort)(version | (inode.Layout << 1)));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[ErofsLayout.InXattrCount..], ErofsXattrEncoder.Count(inode.Xattrs.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[ErofsLayout.InMode..], (ushort)node.FullMode);
        // i_u: the first data block for files, directories and symlinks; the device number for devices.
        var union = node is DeviceNode device ? device.EncodedDevice : inode.BlockAddress;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[ErofsLayout.InUnion..], union);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[ErofsLayout.InIno..], inode.Ino);
        if (inode.Extended)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[ErofsLayout.ExtendedSize..], (ulong)inode.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[ErofsLayout.ExtendedUid..], node.Uid);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[ErofsLayout.ExtendedGid..], node.Gid);
            BinaryPrimitives.WriteInt64LittleEndian(destination[ErofsLayout.ExtendedMtime..], node.ModificationTime.Seconds);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[ErofsLayout.ExtendedMtimeNanoseconds..], node.ModificationTime.Nanoseconds);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[ErofsLayout.ExtendedNlink..], (uint)node.LinkCount);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[ErofsLayout.CompactNlink..], (ushort)node.LinkCount);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[ErofsLayout.CompactSize..], (uint)inode.Size);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[ErofsLayout.CompactUid..], (ushort)node.Uid);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[ErofsLayout.CompactGid..], (ushort)node.Gid);
        }
    }
}
