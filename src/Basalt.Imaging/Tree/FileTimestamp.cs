namespace Basalt.Imaging.Tree;

/// <summary>A file time as Unix seconds plus nanoseconds, the precision of Linux inodes.</summary>
public readonly record struct FileTimestamp : IComparable<FileTimestamp>
{
    public FileTimestamp(long seconds, uint nanoseconds = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nanoseconds, 1_000_000_000u);
        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    /// <summary>Seconds since 1970-01-01T00:00:00Z.</summary>
    public long Seconds { get; }

    /// <summary>Nanoseconds within the second (0 to 999,999,999).</summary>
    public uint Nanoseconds { get; }

    /// <summary>The Unix epoch; the default for reproducible builds without SOURCE_DATE_EPOCH.</summary>
    public static FileTimestamp Epoch => default;

    public static FileTimestamp FromDateTimeOffset(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new FileTimestamp(seconds, (uint)(remainder * 100));
    }

    public DateTimeOffset ToDateTimeOffset()
        => DateTimeOffset.UnixEpoch.AddSeconds(Seconds).AddTicks(Nanoseconds / 100);

    public int CompareTo(FileTimestamp other)
    {
        var bySeconds = Seconds.CompareTo(other.Seconds);
        return bySeconds != 0 ? bySeconds : Nanoseconds.CompareTo(other.Nanoseconds);
    }

    public static bool operator <(FileTimestamp left, FileTimestamp right) => left.CompareTo(right) < 0;

    public static bool operator >(FileTimestamp left, FileTimestamp right) => left.CompareTo(right) > 0;

    public static bool operator <=(FileTimestamp left, FileTimestamp right) => left.CompareTo(right) <= 0;

    public static bool operator >=(FileTimestamp left, FileTimestamp right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Seconds}.{Nanoseconds:D9}";
}
