namespace Basalt.Imaging.Qcow2;

/// <summary>
/// The qcow2 on-disk layout as data (qemu docs/interop/qcow2.txt, "Header", "Host cluster management",
/// "Cluster mapping"). All integers are big-endian.
/// </summary>
internal static class Qcow2Layout
{
    public const uint Magic = 0x514649FB; // "QFI\xfb"

    public const int MagicOffset = 0;
    public const int VersionOffset = 4;
    public const int BackingFileOffsetOffset = 8;
    public const int BackingFileSizeOffset = 16;
    public const int ClusterBitsOffset = 20;
    public const int SizeOffset = 24;
    public const int CryptMethodOffset = 32;
    public const int L1SizeOffset = 36;
    public const int L1TableOffsetOffset = 40;
    public const int RefcountTableOffsetOffset = 48;
    public const int RefcountTableClustersOffset = 56;
    public const int SnapshotCountOffset = 60;
    public const int SnapshotsOffsetOffset = 64;
    public const int IncompatibleFeaturesOffset = 72;
    public const int CompatibleFeaturesOffset = 80;
    public const int AutoclearFeaturesOffset = 88;
    public const int RefcountOrderOffset = 96;
    public const int HeaderLengthOffset = 100;

    /// <summary>The version 2 header ends before the feature fields.</summary>
    public const int HeaderV2Length = 72;

    /// <summary>The version 3 header without the optional compression type byte.</summary>
    public const int HeaderV3Length = 104;

    // Incompatible feature bits (qcow2.txt, bytes 72–79).
    public const ulong IncompatibleDirty = 1UL << 0;
    public const ulong IncompatibleCorrupt = 1UL << 1;
    public const ulong IncompatibleExternalData = 1UL << 2;
    public const ulong IncompatibleCompressionType = 1UL << 3;
    public const ulong IncompatibleExtendedL2 = 1UL << 4;

    /// <summary>Bits 9–55 of L1 and L2 entries hold the host offset.</summary>
    public const ulong OffsetMask = 0x00FF_FFFF_FFFF_FE00;

    /// <summary>Bit 63: refcount is exactly one ("copied"), set for every entry of an image without snapshots.</summary>
    public const ulong FlagCopied = 1UL << 63;
    public const ulong FlagCompressed = 1UL << 62;

    /// <summary>Bit 0 of a standard L2 entry (v3): the cluster reads as zeros.</summary>
    public const ulong FlagZero = 1UL;

    /// <summary>We write 64 KiB clusters (qemu's default) and 16-bit refcounts (refcount_order 4).</summary>
    public const int WriteClusterBits = 16;
    public const int WriteRefcountOrder = 4;

    // Reader caps: qemu's own limits (cluster 512 B–2 MiB, L1 at most 32 MiB, refcount table 8 MiB).
    public const int MinClusterBits = 9;
    public const int MaxClusterBits = 21;
    public const long MaxL1Bytes = 32L * 1024 * 1024;
    public const long MaxVirtualSize = 1L << 55;
}
