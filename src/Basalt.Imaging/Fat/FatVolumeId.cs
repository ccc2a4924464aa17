using System.Globalization;

namespace Basalt.Imaging.Fat;

/// <summary>
/// A FAT volume serial number as blkid, /dev/disk/by-uuid and COSI show it: the high and low 16 bits as four
/// upper-case hexadecimal digits each, joined by a dash (e.g. <c>1A2B-3C4D</c>).
/// </summary>
public static class FatVolumeId
{
    public static string Format(uint serial)
        => string.Create(CultureInfo.InvariantCulture, $"{serial >> 16:X4}-{serial & 0xFFFF:X4}");
}
