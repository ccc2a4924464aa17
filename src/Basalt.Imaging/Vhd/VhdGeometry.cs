namespace Basalt.Imaging.Vhd;

/// <summary>
/// CHS geometry for the footer, computed as the VHD specification's appendix "CHS Calculation" prescribes:
/// capped at 65535×16×255 sectors, then the smallest of 17, 31 or 63 sectors per track (or 255 for very
/// large disks) that keeps cylinders within 1024 per head.
/// </summary>
public readonly record struct VhdGeometry(int Cylinders, int Heads, int SectorsPerTrack)
{
    public static VhdGeometry FromSize(long sizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        var totalSectors = Math.Min(sizeBytes / 512, 65535L * 16 * 255);
        long sectorsPerTrack;
        long heads;
        long cylinderTimesHeads;
        if (totalSectors >= 65535L * 16 * 63)
        {
            sectorsPerTrack = 255;
            heads = 16;
            cylinderTimesHeads = totalSectors / sectorsPerTrack;
        }
        else
        {
            sectorsPerTrack = 17;
            cylinderTimesHeads = totalSectors / sectorsPerTrack;
            heads = Math.Max((cylinderTimesHeads + 1023) / 1024, 4);
            if (cylinderTimesHeads >= heads * 1024 || heads > 16)
            {
                sectorsPerTrack = 31;
                heads = 16;
                cylinderTimesHeads = totalSectors / sectorsPerTrack;
            }

            if (cylinderTimesHeads >= heads * 1024)
            {
                sectorsPerTrack = 63;
                heads = 16;
                cylinderTimesHeads = totalSectors / sectorsPerTrack;
            }
        }

        return new VhdGeometry((int)(cylinderTimesHeads / heads), (int)heads, (int)sectorsPerTrack);
    }

    public uint Pack() => ((uint)Cylinders << 16) | ((uint)Heads << 8) | (uint)SectorsPerTrack;

    public static VhdGeometry Unpack(uint value) => new((int)(value >> 16), (int)((value >> 8) & 0xFF), (int)(value & 0xFF));
}
