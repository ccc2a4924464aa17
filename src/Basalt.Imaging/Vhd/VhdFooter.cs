using System.Buffers.Binary;
using static Basalt.Imaging.Vhd.VhdLayout;

namespace Basalt.Imaging.Vhd;

/// <summary>The fields of a VHD footer that vary; the rest are fixed by the specification.</summary>
/// <param name="Timestamp">Seconds since 2000-01-01 00:00:00 UTC (caller-given for reproducible output).</param>
/// <param name="CreatorApplication">
/// Four ASCII characters. We write "win " (Hyper-V, what Azure runs): readers that size a disk by its CHS
/// geometry for unknown creators (qemu before 10.0) take the footer's current size for "win ", and CHS
/// rounding would otherwise cut the end of the disk, where the backup GPT lives.
/// </param>
public sealed partial record VhdFooter(
    long CurrentSize,
    uint Timestamp,
    Guid UniqueId,
    string CreatorApplication = "win ",
    uint CreatorVersion = 0x00010000,
    uint CreatorHostOs = HostOsWindows)
{
    public long OriginalSize { get; init; } = CurrentSize;

    public uint DiskType { get; init; } = DiskTypeFixed;

    public VhdGeometry Geometry { get; init; } = VhdGeometry.FromSize(CurrentSize);

    public ulong DataOffset { get; init; } = FixedDataOffset;

    public const int Size = FooterSize;

    /// <summary>A timestamp from a Unix time (e.g. SOURCE_DATE_EPOCH), clamped to the VHD epoch.</summary>
    public static uint TimestampFromUnix(long unixSeconds)
    {
        var seconds = unixSeconds - Epoch.ToUnixTimeSeconds();
        return (uint)Math.Clamp(seconds, 0, uint.MaxValue);
    }

    public byte[] ToBytes()
    {
        if (CreatorApplication.Length != 4 || CreatorApplication.Any(c => c > 0x7F))
        {
            throw new ArgumentException($"VHD creator application '{CreatorApplication}' must be four ASCII characters.");
        }

        var footer = new byte[FooterSize];
        var span = footer.AsSpan();
        BinaryPrimitives.WriteUInt64BigEndian(span[CookieOffset..], Cookie);
        BinaryPrimitives.WriteUInt32BigEndian(span[FeaturesOffset..], FeaturesReserved);
        BinaryPrimitives.WriteUInt32BigEndian(span[VersionOffset..], VhdLayout.Version);
        BinaryPrimitives.WriteUInt64BigEndian(span[DataOffsetOffset..], DataOffset);
        BinaryPrimitives.WriteUInt32BigEndian(span[TimestampOffset..], Timestamp);
        for (var i = 0; i < 4; i++)
        {
            span[CreatorApplicationOffset + i] = (byte)CreatorApplication[i];
        }

        BinaryPrimitives.WriteUInt32BigEndian(span[CreatorVersionOffset..], CreatorVersion);
        BinaryPrimitives.WriteUInt32BigEndian(span[CreatorHostOsOffset..], CreatorHostOs);
        BinaryPrimitives.WriteInt64BigEndian(span[OriginalSizeOffset..], OriginalSize);
        BinaryPrimitives.WriteInt64BigEndian(span[CurrentSizeOffset..], CurrentSize);
        BinaryPrimitives.WriteUInt32BigEndian(span[GeometryOffset..], Geometry.Pack());
        BinaryPrimitives.WriteUInt32BigEndian(span[DiskTypeOffset..], DiskType);
        // The unique id is stored in RFC 4122 byte order, as Windows and qemu show it.
        UniqueId.TryWriteBytes(span[UniqueIdOffset..], bigEndian: true, out _);
        BinaryPrimitives.WriteUInt32BigEndian(span[ChecksumOffset..], ComputeChecksum(span));
        return footer;
    }

    /// <summary>One's complement of the byte sum of the footer with the checksum field taken as zero (spec, "Checksum").</summary>
    internal static uint ComputeChecksum(ReadOnlySpan<byte> footer)
    {
        var sum = 0u;
        for (var i = 0; i < FooterSize; i++)
        {
            if (i is < ChecksumOffset or >= ChecksumOffset + 4)
            {
                sum += footer[i];
            }
        }

        return ~sum;
    }
}
