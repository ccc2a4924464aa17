using System.Text;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Query;

/// <summary>
/// Runs <c>rpm -qp --nosignature --nodigest --qf</c> over many packages in one process: the format gets an end
/// marker appended, and the output is split on it. rpm prints nothing at all (not even the marker) for a package
/// whose rendering fails, so a count mismatch falls back to one rpm run per package.
/// </summary>
internal static class RpmOracle
{
    private const string Marker = "@@BASALT-END-OF-PACKAGE@@";

    /// <summary>Every package under shared/data: the inventory's .rpm files and the rpm 3 one.</summary>
    public static IReadOnlyList<string> AllPackages() =>
        [.. Fixtures.Files("", "*.rpm").Concat(Fixtures.Files("", "*.rpm-v3")).Order(StringComparer.Ordinal)];

    /// <summary>rpm's output for each package, in order.</summary>
    public static IReadOnlyList<byte[]> Query(string format, IReadOnlyList<string> packages)
    {
        ExternalTool.Require("rpm", "rpm");
        // A format that starts with %{*} renders only its first token, so a marker would never appear.
        if (format.StartsWith("%{*", StringComparison.Ordinal) || format.StartsWith("[%{*", StringComparison.Ordinal))
        {
            return [.. packages.Select(p => Run(format, [p]))];
        }

        var parts = Split(Run(format + Marker, packages));
        if (parts.Count == packages.Count + 1)
        {
            return parts.Take(packages.Count).ToArray();
        }

        return [.. packages.Select(p => Split(Run(format + Marker, [p])) is { Count: > 1 } one ? one[0] : [])];
    }

    private static byte[] Run(string format, IEnumerable<string> packages)
    {
        var result = ExternalTool.Run("rpm", ["-qp", "--nosignature", "--nodigest", "--qf", format, .. packages]);
        return result.StandardOutputBytes;
    }

    private static List<byte[]> Split(byte[] output)
    {
        var marker = Encoding.ASCII.GetBytes(Marker);
        var parts = new List<byte[]>();
        var rest = output.AsSpan();
        int index;
        while ((index = rest.IndexOf(marker)) >= 0)
        {
            parts.Add(rest[..index].ToArray());
            rest = rest[(index + marker.Length)..];
        }

        parts.Add(rest.ToArray());
        return parts;
    }

    /// <summary>The first line where two outputs differ, for a readable assertion message.</summary>
    public static string FirstDifference(byte[] expected, byte[] actual)
    {
        var a = Encoding.UTF8.GetString(expected).Split('\n');
        var b = Encoding.UTF8.GetString(actual).Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return $"line {i + 1}: rpm \"{(i < a.Length ? a[i] : "<end>")}\" vs basalt \"{(i < b.Length ? b[i] : "<end>")}\"";
    }
}
