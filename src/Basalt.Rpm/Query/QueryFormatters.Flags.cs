using System.Globalization;
using System.Text;

namespace Basalt.Rpm.Query;

/// <summary>The bit-field formatters: letters and words for RPMSENSE_*, RPMFILE_*, RPMVERIFY_* bits and file modes.</summary>
internal static partial class QueryFormatters
{
    /// <summary>:depflags — '&lt;', '&gt;', '=' for RPMSENSE_LESS, GREATER, EQUAL, in that order.</summary>
    public static string DepFlags(ulong flags)
    {
        var text = new StringBuilder(3);
        if ((flags & 0x02) != 0)
        {
            text.Append('<');
        }

        if ((flags & 0x04) != 0)
        {
            text.Append('>');
        }

        if ((flags & 0x08) != 0)
        {
            text.Append('=');
        }

        return text.ToString();
    }

    /// <summary>:deptype — the words for the context bits, comma-separated, "manual" when none is set.</summary>
    private static string DepType(ulong flags)
    {
        (ulong Bits, string Word)[] words =
        [
            (1 << 9, "pre"), (1 << 10, "post"), (1 << 11, "preun"), (1 << 12, "postun"), (1 << 13, "verify"),
            (1 << 8, "interp"), (1 << 24, "rpmlib"), ((1 << 14) | (1 << 15), "auto"), (1 << 6, "prereq"),
            (1 << 7, "pretrans"), (1 << 5, "posttrans"), (1 << 28, "config"), (1 << 19, "missingok"), (1 << 29, "meta"),
        ];
        var selected = words.Where(w => (flags & w.Bits) != 0).Select(w => w.Word).ToArray();
        return selected.Length == 0 ? "manual" : string.Join(',', selected);
    }

    /// <summary>:triggertype — prein, in, un or postun from the RPMSENSE_TRIGGER* bits; "" when none.</summary>
    public static string TriggerType(ulong flags) =>
        (flags & (1 << 25)) != 0 ? "prein"
        : (flags & (1 << 16)) != 0 ? "in"
        : (flags & (1 << 17)) != 0 ? "un"
        : (flags & (1 << 18)) != 0 ? "postun"
        : "";

    /// <summary>:fflags — d c s m n g l r a for doc, config, specfile, missingok, noreplace, ghost, license, readme, artifact.</summary>
    private static string FileFlags(ulong flags)
    {
        (ulong Bit, char Letter)[] letters =
            [(1 << 1, 'd'), (1 << 0, 'c'), (1 << 5, 's'), (1 << 3, 'm'), (1 << 4, 'n'), (1 << 6, 'g'), (1 << 7, 'l'), (1 << 8, 'r'), (1 << 12, 'a')];
        return new string([.. letters.Where(l => (flags & l.Bit) != 0).Select(l => l.Letter)]);
    }

    /// <summary>
    /// :vflags (set letters only) and :fstatus (a '.' for each clear bit) over RPMVERIFY_* in rpm's column order
    /// S M 5 D L U G T P; a read failure shows '?' for the digest and a readlink failure '?' for the link.
    /// </summary>
    private static string VerifyFlags(ulong flags, bool dots)
    {
        const ulong ReadlinkFailed = 1UL << 28;
        const ulong ReadFailed = 1UL << 29;
        (ulong Bit, char Letter)[] columns =
            [(2, 'S'), (64, 'M'), (1, '5'), (128, 'D'), (4, 'L'), (8, 'U'), (16, 'G'), (32, 'T'), (256, 'P')];
        var text = new StringBuilder(9);
        foreach (var (bit, letter) in columns)
        {
            if ((letter == '5' && (flags & ReadFailed) != 0) || (letter == 'L' && (flags & ReadlinkFailed) != 0))
            {
                text.Append('?');
            }
            else if ((flags & bit) != 0)
            {
                text.Append(letter);
            }
            else if (dots)
            {
                text.Append('.');
            }
        }

        return text.ToString();
    }

    private static string FileState(ulong state) => state switch
    {
        0 => "normal",
        1 => "replaced",
        2 => "not installed",
        3 => "net shared",
        4 => "wrong color",
        5 => "missing",
        _ => "(unknown)",
    };

    /// <summary>:perms — the ls -l mode string: type letter, then rwx triplets with s/S and t/T.</summary>
    internal static string Permissions(uint mode)
    {
        var type = (mode & 0xF000) switch
        {
            0x8000 => '-',
            0x4000 => 'd',
            0xA000 => 'l',
            0x2000 => 'c',
            0x6000 => 'b',
            0x1000 => 'p',
            0xC000 => 's',
            _ => '?',
        };
        Span<char> text = ['-', '-', '-', '-', '-', '-', '-', '-', '-', '-'];
        text[0] = type;
        ReadOnlySpan<char> rwx = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            if ((mode & (1u << (8 - i))) != 0)
            {
                text[i + 1] = rwx[i];
            }
        }

        Special(text, 3, (mode & 0x800) != 0, 's');
        Special(text, 6, (mode & 0x400) != 0, 's');
        Special(text, 9, (mode & 0x200) != 0, 't');
        return new string(text);

        static void Special(Span<char> text, int index, bool set, char letter)
        {
            if (set)
            {
                text[index] = text[index] == 'x' ? letter : char.ToUpperInvariant(letter);
            }
        }
    }

    /// <summary>
    /// :humansi / :humaniec — the value divided by the base until below it, in single precision as rpm computes
    /// it; one decimal strictly between 0.05 and 9.95, none otherwise (so 0 prints "0").
    /// </summary>
    private static string Human(ulong number, int kilo)
    {
        string[] units = ["", "K", "M", "G", "T", "P", "E", "Z", "Y"];
        var value = (float)number;
        var unit = 0;
        while (value >= kilo && unit < units.Length - 1)
        {
            value /= kilo;
            unit++;
        }

        double widened = value;
        var decimals = widened is > 0.05 and < 9.95 ? 1 : 0;
        return FormatFixed(widened, decimals) + units[unit];
    }

    /// <summary>printf("%.*f") for a non-negative double: exact binary value, ties to even, as glibc rounds.</summary>
    internal static string FormatFixed(double value, int decimals)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = (ulong)(bits & 0xFFFFFFFFFFFFFL);
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1UL << 52;
        }

        exponent -= 1075;
        var scaled = (System.Numerics.BigInteger)mantissa * System.Numerics.BigInteger.Pow(10, decimals);
        System.Numerics.BigInteger rounded;
        if (exponent >= 0)
        {
            rounded = scaled << exponent;
        }
        else
        {
            var quotient = scaled >> -exponent;
            var remainder = scaled - (quotient << -exponent);
            var half = System.Numerics.BigInteger.One << (-exponent - 1);
            rounded = remainder > half || (remainder == half && !quotient.IsEven) ? quotient + 1 : quotient;
        }

        var digits = rounded.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        return decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
    }
}
