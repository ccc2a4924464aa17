using System.Buffers.Binary;
using System.Text;
using static Basalt.Imaging.Vhd.VhdLayout;

namespace Basalt.Imaging.Vhd;

public sealed partial record VhdFooter
{
    /// <summary>
    /// Parses a footer. False when the cookie is not "conectix" (not a VHD); throws for a VHD footer that is
    /// damaged (checksum, version, sizes) or not a fixed disk. <paramref name="footerOffset"/> names the place.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> footer, long footerOffset, out VhdFooter result)
    {
        result = null!;
        if (footer.Length < FooterSize || BinaryPrimitives.ReadUInt64BigEndian(footer) != Cookie)
        {
            return false;
        }

        var stored = BinaryPrimitives.ReadUInt32BigEndian(footer[ChecksumOffset..]);
        var computed = ComputeChecksum(footer);
        if (stored != computed)
        {
            throw new InvalidDataException($"VHD footer at offset {footerOffset}: checksum 0x{stored:x8} at offset {footerOffset + ChecksumOffset} does not match the computed 0x{computed:x8}.");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(footer[VersionOffset..]);
        if (version >> 16 != 1)
        {
            throw new InvalidDataException($"VHD footer at offset {footerOffset}: file format version 0x{version:x8} is not 1.x.");
        }

        var diskType = BinaryPrimitives.ReadUInt32BigEndian(footer[DiskTypeOffset..]);
        var current = BinaryPrimitives.ReadInt64BigEndian(footer[CurrentSizeOffset..]);
        var original = BinaryPrimitives.ReadInt64BigEndian(footer[OriginalSizeOffset..]);
        if (current < 0 || original < 0)
        {
            throw new InvalidDataException($"VHD footer at offset {footerOffset}: current size {current} at offset {footerOffset + CurrentSizeOffset} is not a valid size.");
        }

        result = new VhdFooter(
            current,
            BinaryPrimitives.ReadUInt32BigEndian(footer[TimestampOffset..]),
            new Guid(footer.Slice(UniqueIdOffset, 16), bigEndian: true),
            Encoding.Latin1.GetString(footer.Slice(CreatorApplicationOffset, 4)),
            BinaryPrimitives.ReadUInt32BigEndian(footer[CreatorVersionOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(footer[CreatorHostOsOffset..]))
        {
            OriginalSize = original,
            DiskType = diskType,
            Geometry = VhdGeometry.Unpack(BinaryPrimitives.ReadUInt32BigEndian(footer[GeometryOffset..])),
            DataOffset = BinaryPrimitives.ReadUInt64BigEndian(footer[DataOffsetOffset..]),
        };
        return true;
    }
}
