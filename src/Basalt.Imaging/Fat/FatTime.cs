using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Fat;

/// <summary>
/// FAT date and time fields (fatgen103 section 6.1): date = (year − 1980) &lt;&lt; 9 | month &lt;&lt; 5 | day,
/// time = hours &lt;&lt; 11 | minutes &lt;&lt; 5 | seconds / 2, plus a creation "tenth" byte in 10 ms units. FAT
/// stores local time without a zone; we store UTC. Times outside 1980–2107 are clamped to the range.
/// </summary>
internal readonly record struct FatTime(ushort Date, ushort Time, byte Hundredths)
{
    private static readonly DateTimeOffset Min = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Max = new(2107, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public static FatTime From(FileTimestamp timestamp)
    {
        var value = timestamp.Seconds < Min.ToUnixTimeSeconds() ? Min
            : timestamp.Seconds > Max.ToUnixTimeSeconds() ? Max
            : DateTimeOffset.FromUnixTimeSeconds(timestamp.Seconds);
        var nanoseconds = value == DateTimeOffset.FromUnixTimeSeconds(timestamp.Seconds) ? timestamp.Nanoseconds : 0;
        var date = (ushort)(((value.Year - 1980) << 9) | (value.Month << 5) | value.Day);
        var time = (ushort)((value.Hour << 11) | (value.Minute << 5) | (value.Second / 2));
        var hundredths = (byte)(((value.Second % 2) * 100) + (nanoseconds / 10_000_000));
        return new FatTime(date, time, hundredths);
    }
}
