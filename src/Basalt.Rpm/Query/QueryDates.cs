using System.Globalization;

namespace Basalt.Rpm.Query;

/// <summary>
/// strftime("%c") and strftime("%a %b %d %Y") in the C locale over localtime(), as rpm's :date and :day print
/// time stamps. Years beyond .NET's DateTime range (a 64-bit time stamp) are computed with the proleptic
/// Gregorian calendar as glibc does.
/// </summary>
internal static class QueryDates
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Beyond this glibc's localtime fails (the year overflows an int) and rpm prints an empty string.</summary>
    private const long MaxSeconds = 67767976233532799;

    public static string Format(long seconds, bool withTime)
    {
        if (seconds is > MaxSeconds or < -MaxSeconds)
        {
            return "";
        }

        seconds += LocalOffsetSeconds(seconds);
        var days = Math.DivRem(seconds, 86400, out var secondOfDay);
        if (secondOfDay < 0)
        {
            secondOfDay += 86400;
            days--;
        }

        var (year, month, day) = CivilFromDays(days);
        // 1970-01-01 was a Thursday (index 4).
        var weekday = (int)(((days % 7) + 11) % 7);
        var inv = CultureInfo.InvariantCulture;
        return withTime
            ? string.Create(inv, $"{Days[weekday]} {Months[month - 1]} {day,2} {secondOfDay / 3600:00}:{secondOfDay / 60 % 60:00}:{secondOfDay % 60:00} {year}")
            : string.Create(inv, $"{Days[weekday]} {Months[month - 1]} {day:00} {year}");
    }

    private static long LocalOffsetSeconds(long seconds)
    {
        var zone = TimeZoneInfo.Local;
        if (seconds is > -62135596800 and < 253402300799)
        {
            return (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalSeconds;
        }

        return (long)zone.BaseUtcOffset.TotalSeconds;
    }

    /// <summary>Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar (H. Hinnant's algorithm).</summary>
    private static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719468;
        var era = (days >= 0 ? days : days - 146096) / 146097;
        var dayOfEra = days - (era * 146097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        var year = yearOfEra + (era * 400);
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (month <= 2 ? year + 1 : year, month, day);
    }
}
