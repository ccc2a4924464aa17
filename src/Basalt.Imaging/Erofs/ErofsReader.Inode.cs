using System.Buffers.Binary;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Erofs;

public static partial class ErofsReader
{
    // Fields ErofsLayout does not define because the writer never sets them (erofs_fs.h, struct erofs_super_block
    // and the i_format bits of the inodes).

    private static Superblock ReadSuperblock(Source source)
    {
        Span<byte> sb = stackalloc byte[ErofsLayout.SuperblockSize];
        if (source.Length < ErofsLayout.SuperblockOffset + ErofsLayout.SuperblockSize)
        {
            throw source.Corrupt($"{source.Length} bytes is too small to hold the superblock at offset {ErofsLayout.SuperblockOffset}.");
        }

        source.Read(ErofsLayout.SuperblockOffset, sb, "superblock");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(sb[ErofsLayout.SbMagic..]);
        if (magic != ErofsLayout.Magic)
        {
            throw source.Corrupt($"no EROFS magic at offset {ErofsLayout.SuperblockOffset} (found 0x{magic:X8}).");
        }

        int bits = sb[ErofsLayout.SbBlockSizeBits];
        if (bits is < ErofsLayout.MinBlockSizeBits or > ErofsLayout.MaxBlockSizeBits)
        {
            throw source.Corrupt($"superblock 'blkszbits' {bits} at offset {ErofsLayout.SuperblockOffset + ErofsLayout.SbBlockSizeBits} is outside {ErofsLayout.MinBlockSizeBits}..{ErofsLayout.MaxBlockSizeBits}.");
        }

        var blockSize = 1 << bits;
        var metaStart = (long)BinaryPrimitives.ReadUInt32LittleEndian(sb[ErofsLayout.SbMetaBlockAddress..]) * blockSize;
        var xattrStart = (long)BinaryPrimitives.ReadUInt32LittleEndian(sb[ErofsLayout.SbXattrBlockAddress..]) * blockSize;
        if (metaStart >= source.Length)
        {
            throw source.Corrupt($"superblock 'meta_blkaddr' puts the metadata at offset {metaStart}, beyond the image end.");
        }

        var rootNid = BinaryPrimitives.ReadUInt16LittleEndian(sb[ErofsLayout.SbRootNid..]);
        return new Superblock(blockSize, rootNid, metaStart, xattrStart);
    }

    private static ErofsEntry ReadInode(Source source, Superblock sb, ulong nid, string path)
    {
        var what = $"inode nid {nid} ('{path}')";
        if (nid >= (ulong)(source.Length - sb.MetaStart) / ErofsLayout.SlotSize)
        {
            throw source.Corrupt($"{what} lies beyond the image end ({source.Length} bytes).");
        }

        var offset = sb.MetaStart + ((long)nid * ErofsLayout.SlotSize);
        Span<byte> raw = stackalloc byte[ErofsLayout.ExtendedInodeSize];
        source.Read(offset, raw[..ErofsLayout.CompactInodeSize], what);
        int format = BinaryPrimitives.ReadUInt16LittleEndian(raw[ErofsLayout.InFormat..]);
        if ((format & ~ErofsLayout.FormatKnownBits) != 0)
        {
            throw source.Corrupt($"{what} at offset {offset} has unknown i_format bits 0x{format:X4}.");
        }

        var extended = (format & ErofsLayout.FormatVersionBit) == ErofsLayout.InodeVersionExtended;
        var layout = (format >> ErofsLayout.FormatLayoutShift) & ErofsLayout.FormatLayoutMask;
        var inodeSize = extended ? ErofsLayout.ExtendedInodeSize : ErofsLayout.CompactInodeSize;
        if (extended)
        {
            source.Read(offset, raw, what);
        }

        int xattrCount = BinaryPrimitives.ReadUInt16LittleEndian(raw[ErofsLayout.InXattrCount..]);
        int mode = BinaryPrimitives.ReadUInt16LittleEndian(raw[ErofsLayout.InMode..]);
        var rawAddress = BinaryPrimitives.ReadUInt32LittleEndian(raw[ErofsLayout.InUnion..]);
        ulong size;
        uint uid, gid;
        if (extended)
        {
            size = BinaryPrimitives.ReadUInt64LittleEndian(raw[ErofsLayout.ExtendedSize..]);
            uid = BinaryPrimitives.ReadUInt32LittleEndian(raw[ErofsLayout.ExtendedUid..]);
            gid = BinaryPrimitives.ReadUInt32LittleEndian(raw[ErofsLayout.ExtendedGid..]);
        }
        else
        {
            size = BinaryPrimitives.ReadUInt32LittleEndian(raw[ErofsLayout.CompactSize..]);
            uid = BinaryPrimitives.ReadUInt16LittleEndian(raw[ErofsLayout.CompactUid..]);
            gid = BinaryPrimitives.ReadUInt16LittleEndian(raw[ErofsLayout.CompactGid..]);
        }

        // i_xattr_icount counts 4-byte units after the 12-byte ibody header, plus one (erofs_fs.h, erofs_xattr_ibody_size).
        var xattrLength = xattrCount == 0 ? 0 : ErofsLayout.XattrBodyHeaderSize + (4 * (xattrCount - 1));
        var inodeLength = inodeSize + xattrLength;
        source.Check(offset, inodeLength, $"{what} with its inline xattrs");
        var type = mode & UnixFileType.Mask;
        if (type is not (UnixFileType.RegularFile or UnixFileType.Directory or UnixFileType.SymbolicLink
            or UnixFileType.CharacterDevice or UnixFileType.BlockDevice or UnixFileType.Fifo or UnixFileType.Socket))
        {
            throw source.Corrupt($"{what} at offset {offset} has mode 0x{mode:X4}, which is no file type.");
        }

        var hasData = type is UnixFileType.RegularFile or UnixFileType.Directory or UnixFileType.SymbolicLink;
        if (hasData && size > (ulong)source.Length)
        {
            throw source.Corrupt($"{what} at offset {offset} claims {size} bytes, more than the image holds.");
        }

        var extents = hasData
            ? DataExtents(source, sb, what, layout, (long)size, rawAddress, offset + inodeLength)
            : [];
        return new ErofsEntry(path, mode, uid, gid, hasData ? (long)size : (long)Math.Min(size, long.MaxValue), nid, extents, offset, inodeLength)
        {
            XattrLength = xattrLength,
            SharedXattrExtents = SharedXattrs(source, sb, what, offset + inodeSize, xattrLength),
        };
    }

    /// <summary>Where FLAT_PLAIN and FLAT_INLINE inodes keep their bytes (erofs docs, "Data layouts").</summary>
    private static (long Offset, long Length)[] DataExtents(Source source, Superblock sb, string what, int layout, long size, uint rawAddress, long inlineOffset)
    {
        if (layout is not (ErofsLayout.LayoutFlatPlain or ErofsLayout.LayoutFlatInline))
        {
            var kind = layout switch
            {
                1 or 3 => "compressed",
                4 => "chunk-based",
                _ => "unknown",
            };
            throw source.Corrupt($"{what} uses data layout {layout} ({kind}); only the uncompressed FLAT_PLAIN and FLAT_INLINE layouts are read.");
        }

        if (size == 0)
        {
            return [];
        }

        var blockAddress = (long)rawAddress * sb.BlockSize;
        if (layout == ErofsLayout.LayoutFlatPlain)
        {
            source.Check(blockAddress, size, $"data of {what}");
            return [(blockAddress, size)];
        }

        // FLAT_INLINE: every block but the last at i_u, the last (partial) one right after inode and xattrs,
        // which must not cross a block boundary (the kernel refuses such an inode).
        var head = (size - 1) / sb.BlockSize * sb.BlockSize;
        var tail = size - head;
        if ((inlineOffset % sb.BlockSize) + tail > sb.BlockSize)
        {
            throw source.Corrupt($"inline data of {what} at offset {inlineOffset} (+{tail} bytes) crosses a block boundary.");
        }

        source.Check(inlineOffset, tail, $"inline data of {what}");
        if (head == 0)
        {
            return [(inlineOffset, tail)];
        }

        source.Check(blockAddress, head, $"data blocks of {what}");
        return [(blockAddress, head), (inlineOffset, tail)];
    }

    /// <summary>The shared xattr entries named by the ibody header's id array (erofs_fs.h, erofs_xattr_ibody_header).</summary>
    private static (long Offset, long Length)[] SharedXattrs(Source source, Superblock sb, string what, long bodyOffset, int bodyLength)
    {
        if (bodyLength == 0)
        {
            return [];
        }

        Span<byte> header = stackalloc byte[ErofsLayout.XattrBodyHeaderSize];
        source.Read(bodyOffset, header, $"xattr header of {what}");
        int count = header[ErofsLayout.XattrSharedCountOffset];
        if (ErofsLayout.XattrBodyHeaderSize + (count * ErofsLayout.SharedXattrIdSize) > bodyLength)
        {
            throw source.Corrupt($"xattr header of {what} at offset {bodyOffset} lists {count} shared xattrs, more than its {bodyLength}-byte body holds.");
        }

        var result = new (long Offset, long Length)[count];
        Span<byte> id = stackalloc byte[ErofsLayout.SharedXattrIdSize];
        Span<byte> entry = stackalloc byte[ErofsLayout.XattrEntryHeaderSize];
        for (var i = 0; i < count; i++)
        {
            var idOffset = bodyOffset + ErofsLayout.XattrBodyHeaderSize + (i * ErofsLayout.SharedXattrIdSize);
            source.Read(idOffset, id, $"shared xattr id {i} of {what}");
            var entryOffset = sb.XattrStart + ((long)BinaryPrimitives.ReadUInt32LittleEndian(id) * ErofsLayout.XattrAlignment);
            source.Read(entryOffset, entry, $"shared xattr {i} of {what}");
            var length = ErofsLayout.XattrEntryHeaderSize + entry[0] + BinaryPrimitives.ReadUInt16LittleEndian(entry[2..]);
            length = (length + ErofsLayout.XattrAlignment - 1) & ~(ErofsLayout.XattrAlignment - 1);
            source.Check(entryOffset, length, $"shared xattr {i} of {what}");
            result[i] = (entryOffset, length);
        }

        return result;
    }
}
