namespace Basalt.Imaging.Vhd;

/// <summary>
/// The VHD hard disk footer as data ("Virtual Hard Disk Image Format Specification" v1.0, Microsoft 2006,
/// "Hard Disk Footer Format"). All integers are big-endian; the footer is the last 512 bytes of the file.
/// </summary>
internal static class VhdLayout
{
    public const int FooterSize = 512;
    public const ulong Cookie = 0x636F6E6563746978; // "conectix"

    public const int CookieOffset = 0;
    public const int FeaturesOffset = 8;
    public const int VersionOffset = 12;
    public const int DataOffsetOffset = 16;
    public const int TimestampOffset = 24;
    public const int CreatorApplicationOffset = 28;
    public const int CreatorVersionOffset = 32;
    public const int CreatorHostOsOffset = 36;
    public const int OriginalSizeOffset = 40;
    public const int CurrentSizeOffset = 48;
    public const int GeometryOffset = 56;
    public const int DiskTypeOffset = 60;
    public const int ChecksumOffset = 64;
    public const int UniqueIdOffset = 68;
    public const int SavedStateOffset = 84;

    /// <summary>Features: bit 1 "reserved" must always be set.</summary>
    public const uint FeaturesReserved = 0x00000002;
    public const uint Version = 0x00010000;

    /// <summary>Fixed disks have no dynamic header: the data offset is all ones.</summary>
    public const ulong FixedDataOffset = ulong.MaxValue;

    public const uint DiskTypeFixed = 2;
    public const uint DiskTypeDynamic = 3;
    public const uint DiskTypeDifferencing = 4;

    /// <summary>Host OS "Wi2k" (Windows), as Azure's own tools write.</summary>
    public const uint HostOsWindows = 0x5769326B;

    /// <summary>The VHD epoch: 2000-01-01 00:00:00 UTC.</summary>
    public static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Azure requires the virtual size of a fixed VHD to be a whole number of MiB.</summary>
    public const long AzureAlignment = 1024 * 1024;
}
