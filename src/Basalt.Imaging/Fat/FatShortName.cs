using System.Globalization;
using System.Text;

namespace Basalt.Imaging.Fat;

/// <summary>
/// 8.3 short names (fatgen103 section 7, "The Basis-Name Generation Algorithm" and "The Numeric-Tail
/// Generation Algorithm"): upper-case, invalid characters become '_', spaces and embedded periods dropped,
/// at most 8 + 3 characters; a "~N" tail (N from 1) when the conversion lost information or the basis is
/// already taken in the directory. Generation depends only on the names of the directory, in order.
/// </summary>
internal static class FatShortName
{
    private const string ExtraValid = "$%'-_@~`!(){}^#&";

    /// <summary>True when <paramref name="name"/> is already a valid upper-case 8.3 name (no long name needed).</summary>
    public static bool IsExactShortName(string name)
    {
        if (name is "." or ".." || name.Length == 0 || name.Length > 12)
        {
            return false;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var basis = dot < 0 ? name : name[..dot];
        var extension = dot < 0 ? "" : name[(dot + 1)..];
        return basis.Length is >= 1 and <= 8 && extension.Length <= 3 && (dot < 0 || extension.Length > 0)
            && basis.All(IsShortChar) && extension.All(IsShortChar);
    }

    /// <summary>The 11-byte directory form ("FOO     TXT") of an exact short name.</summary>
    public static byte[] ToEntryBytes(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var basis = dot < 0 ? name : name[..dot];
        var extension = dot < 0 ? "" : name[(dot + 1)..];
        return Encoding.ASCII.GetBytes(basis.PadRight(8) + extension.PadRight(3));
    }

    /// <summary>Generates a short name for a long name, avoiding every name in <paramref name="taken"/> (which it then joins).</summary>
    public static byte[] Generate(string longName, HashSet<string> taken)
    {
        var lossy = false;
        var upper = longName.ToUpperInvariant();
        var stripped = upper.Replace(" ", "", StringComparison.Ordinal).TrimStart('.');
        lossy |= stripped.Length != upper.Length;
        var lastDot = stripped.LastIndexOf('.');
        var basisSource = lastDot < 0 ? stripped : stripped[..lastDot];
        var extensionSource = lastDot < 0 ? "" : stripped[(lastDot + 1)..];

        var basis = Convert(basisSource.Replace(".", "", StringComparison.Ordinal), 8, ref lossy);
        var extension = Convert(extensionSource, 3, ref lossy);
        lossy |= basisSource.Contains('.', StringComparison.Ordinal);
        if (basis.Length == 0)
        {
            basis = "_";
            lossy = true;
        }

        var candidate = Join(basis, extension);
        if (!lossy && taken.Add(candidate))
        {
            return ToEntryBytes(candidate);
        }

        for (var n = 1; n <= 999_999; n++)
        {
            var tail = "~" + n.ToString(CultureInfo.InvariantCulture);
            candidate = Join(basis[..Math.Min(basis.Length, 8 - tail.Length)] + tail, extension);
            if (taken.Add(candidate))
            {
                return ToEntryBytes(candidate);
            }
        }

        throw new IOException($"FAT: no free short name for '{longName}' (all ~1 to ~999999 taken).");
    }

    /// <summary>The long-name checksum of an 11-byte short name (fatgen103 section 7: rotate right, add).</summary>
    public static byte Checksum(ReadOnlySpan<byte> shortName)
    {
        byte sum = 0;
        foreach (var b in shortName[..11])
        {
            sum = (byte)((((sum & 1) << 7) | (sum >> 1)) + b);
        }

        return sum;
    }

    private static string Convert(string source, int max, ref bool lossy)
    {
        var builder = new StringBuilder();
        foreach (var c in source)
        {
            var mapped = IsShortChar(c) ? c : '_';
            lossy |= mapped != c;
            if (builder.Length < max)
            {
                builder.Append(mapped);
            }
            else
            {
                lossy = true;
            }
        }

        return builder.ToString();
    }

    private static string Join(string basis, string extension) => extension.Length == 0 ? basis : basis + "." + extension;

    private static bool IsShortChar(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') || ExtraValid.Contains(c, StringComparison.Ordinal);
}
