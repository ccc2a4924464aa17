using System.Buffers.Binary;
using static Basalt.Imaging.Qcow2.Qcow2Layout;

namespace Basalt.Imaging.Qcow2;

/// <summary>The qcow2 header fields Basalt writes and reads (qcow2.txt, "Header").</summary>
public sealed record Qcow2Header(
    int Version,
    int ClusterBits,
    long VirtualSize,
    int L1Size,
    long L1TableOffset,
    long RefcountTableOffset,
    int RefcountTableClusters,
    ulong IncompatibleFeatures = 0,
    ulong CompatibleFeatures = 0,
    int RefcountOrder = WriteRefcountOrder)
{
    public long ClusterSize => 1L << ClusterBits;

    public long BackingFileOffset { get; init; }

    public int SnapshotCount { get; init; }

    public uint CryptMethod { get; init; }

    public int HeaderLength { get; init; } = HeaderV3Length;

    /// <summary>Writes the header and the end-of-extensions marker into the first cluster.</summary>
    internal void Write(Span<byte> cluster)
    {
        BinaryPrimitives.WriteUInt32BigEndian(cluster[MagicOffset..], Magic);
        BinaryPrimitives.WriteInt32BigEndian(cluster[VersionOffset..], Version);
        BinaryPrimitives.WriteInt32BigEndian(cluster[ClusterBitsOffset..], ClusterBits);
        BinaryPrimitives.WriteInt64BigEndian(cluster[SizeOffset..], VirtualSize);
        BinaryPrimitives.WriteInt32BigEndian(cluster[L1SizeOffset..], L1Size);
        BinaryPrimitives.WriteInt64BigEndian(cluster[L1TableOffsetOffset..], L1TableOffset);
        BinaryPrimitives.WriteInt64BigEndian(cluster[RefcountTableOffsetOffset..], RefcountTableOffset);
        BinaryPrimitives.WriteInt32BigEndian(cluster[RefcountTableClustersOffset..], RefcountTableClusters);
        BinaryPrimitives.WriteUInt64BigEndian(cluster[IncompatibleFeaturesOffset..], IncompatibleFeatures);
        BinaryPrimitives.WriteUInt64BigEndian(cluster[CompatibleFeaturesOffset..], CompatibleFeatures);
        BinaryPrimitives.WriteInt32BigEndian(cluster[RefcountOrderOffset..], RefcountOrder);
        BinaryPrimitives.WriteInt32BigEndian(cluster[HeaderLengthOffset..], HeaderV3Length);
        // Header extensions follow the header; a zero type (8 zero bytes) ends them. The cluster is zeroed.
    }

    /// <summary>False when the magic is not "QFI\xfb"; throws for a damaged or unsupported header.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, long fileLength, out Qcow2Header header)
    {
        header = null!;
        if (bytes.Length < HeaderV2Length || BinaryPrimitives.ReadUInt32BigEndian(bytes) != Magic)
        {
            return false;
        }

        var version = BinaryPrimitives.ReadInt32BigEndian(bytes[VersionOffset..]);
        if (version is not (2 or 3))
        {
            throw new InvalidDataException($"qcow2 header: version {version} at offset {VersionOffset} is not 2 or 3.");
        }

        var clusterBits = BinaryPrimitives.ReadInt32BigEndian(bytes[ClusterBitsOffset..]);
        if (clusterBits is < MinClusterBits or > MaxClusterBits)
        {
            throw new InvalidDataException($"qcow2 header: cluster_bits {clusterBits} at offset {ClusterBitsOffset} is outside {MinClusterBits}–{MaxClusterBits}.");
        }

        var size = BinaryPrimitives.ReadInt64BigEndian(bytes[SizeOffset..]);
        if (size is < 0 or > MaxVirtualSize)
        {
            throw new InvalidDataException($"qcow2 header: virtual size {size} at offset {SizeOffset} is absurd (limit {MaxVirtualSize}).");
        }

        var l1Size = BinaryPrimitives.ReadInt32BigEndian(bytes[L1SizeOffset..]);
        var l2Bits = clusterBits - 3;
        var needed = (size + (1L << (clusterBits + l2Bits)) - 1) >> (clusterBits + l2Bits);
        if (l1Size < needed || (long)l1Size * 8 > MaxL1Bytes)
        {
            throw new InvalidDataException($"qcow2 header: l1_size {l1Size} at offset {L1SizeOffset} does not cover the {size}-byte disk (needs {needed}) or exceeds {MaxL1Bytes / 8} entries.");
        }

        var l1Offset = BinaryPrimitives.ReadInt64BigEndian(bytes[L1TableOffsetOffset..]);
        if (l1Size > 0 && (l1Offset <= 0 || (l1Offset & ((1L << clusterBits) - 1)) != 0 || l1Offset > fileLength - ((long)l1Size * 8)))
        {
            throw new InvalidDataException($"qcow2 header: L1 table offset {l1Offset} at offset {L1TableOffsetOffset} is unaligned or outside the {fileLength}-byte file.");
        }

        var incompatible = version >= 3 && bytes.Length >= HeaderV3Length ? BinaryPrimitives.ReadUInt64BigEndian(bytes[IncompatibleFeaturesOffset..]) : 0;
        var unsupported = incompatible & ~(IncompatibleDirty | IncompatibleCompressionType);
        if (unsupported != 0)
        {
            throw new InvalidDataException($"qcow2 header: incompatible features 0x{incompatible:x} at offset {IncompatibleFeaturesOffset} include unsupported bits 0x{unsupported:x} (corrupt, external data or extended L2).");
        }

        var crypt = BinaryPrimitives.ReadUInt32BigEndian(bytes[CryptMethodOffset..]);
        var backing = BinaryPrimitives.ReadInt64BigEndian(bytes[BackingFileOffsetOffset..]);
        if (crypt != 0 || backing != 0)
        {
            throw new InvalidDataException($"qcow2 header: encrypted images (crypt_method {crypt}) and backing files (offset {backing}) are not supported.");
        }

        header = new Qcow2Header(version, clusterBits, size, l1Size, l1Offset,
            BinaryPrimitives.ReadInt64BigEndian(bytes[RefcountTableOffsetOffset..]),
            BinaryPrimitives.ReadInt32BigEndian(bytes[RefcountTableClustersOffset..]),
            incompatible,
            version >= 3 ? BinaryPrimitives.ReadUInt64BigEndian(bytes[CompatibleFeaturesOffset..]) : 0,
            version >= 3 ? BinaryPrimitives.ReadInt32BigEndian(bytes[RefcountOrderOffset..]) : 4)
        {
            SnapshotCount = BinaryPrimitives.ReadInt32BigEndian(bytes[SnapshotCountOffset..]),
            HeaderLength = version >= 3 ? BinaryPrimitives.ReadInt32BigEndian(bytes[HeaderLengthOffset..]) : HeaderV2Length,
        };
        return true;
    }
}
