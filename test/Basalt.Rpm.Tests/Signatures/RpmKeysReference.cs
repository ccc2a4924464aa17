using System.Text.RegularExpressions;
using Basalt.Rpm.Signatures;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Signatures;

/// <summary>
/// Real rpm as the referee: imports keys into a throwaway rpmdb (<c>--dbpath</c>) and parses <c>rpmkeys -Kv</c> into
/// "name: RESULT" lines comparable with <see cref="RpmCheck"/>.
/// </summary>
internal static partial class RpmKeysReference
{
    /// <summary>rpm's lines for <paramref name="package"/>, without rpm's "(Expected … != …)" explanations.</summary>
    public static IReadOnlyList<(string Name, string Result)> CheckLines(string package, IEnumerable<string> keyFiles, TempDirectory scratch)
    {
        var rpmkeys = ExternalTool.Require("rpmkeys", "rpm");
        var db = scratch.Path("rpmdb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(db);
        foreach (var key in keyFiles)
        {
            // rpm 4.18 refuses some keys (v6, ECDSA, old DSA); those signatures then show NOKEY there.
            ExternalTool.Run(rpmkeys, ["--dbpath", db, "--import", key]);
        }

        var result = ExternalTool.Run(rpmkeys, ["--dbpath", db, "-Kv", package]);
        return result.StandardOutput.Split('\n')
            .Skip(1)
            .Select(line => Line().Match(line.Trim()))
            .Where(match => match.Success)
            .Select(match => (match.Groups[1].Value, match.Groups[2].Value))
            .ToList();
    }

    /// <summary>
    /// Asserts that every verdict rpm could reach is ours too. rpm's NOKEY (a key it could not import), NOTFOUND (a digest it could not compute after a failure) and its "DSA
    /// signature: BAD" for packets it cannot parse (ECDSA in Debian's rpm 4.18) are its own limits, not verdicts; rpm 4.18
    /// also ignores OPENPGP (278) and SHA3-256 (279) and checks the ALT payload digest only sometimes, so ours may have
    /// more lines, never different ones.
    /// </summary>
    public static void AssertAgrees(IReadOnlyList<(string Name, string Result)> rpm, RpmVerificationReport report)
    {
        var ours = report.Checks
            .Where(c => c.Kind != RpmCheckKind.Size)
            .GroupBy(c => ShortKeyId(c.Name))
            .ToDictionary(g => g.Key, g => g.Select(c => c.ResultText).ToList(), StringComparer.Ordinal);
        var compared = 0;
        foreach (var (name, result) in rpm)
        {
            if (result is "NOKEY" or "NOTFOUND" || (result == "BAD" && name.EndsWith(" signature", StringComparison.Ordinal)))
            {
                continue;
            }

            Assert.True(ours.TryGetValue(name, out var results), $"rpm checks '{name}' ({result}); we do not. Ours:\n{string.Join('\n', report.Checks)}");
            Assert.Contains(result, results);
            compared++;
        }

        Assert.True(compared > 0, "rpm reached no verdict to compare with.");
        var extra = ours.Keys.Where(name => !rpm.Any(r => r.Name == name)).ToList();
        Assert.All(extra, name => Assert.True(
            name.Contains("SHA3-256", StringComparison.Ordinal) || name.Contains("ALT digest", StringComparison.Ordinal) || name.Contains("Signature", StringComparison.Ordinal),
            $"we report '{name}', rpm does not"));
    }

    /// <summary>rpm prints the low 32 bits of the key ID; we print all 64.</summary>
    private static string ShortKeyId(string name) => KeyId().Replace(name, m => "key ID " + m.Groups[1].Value[8..]);

    [GeneratedRegex(@"key ID ([0-9a-f]{16})")]
    private static partial Regex KeyId();

    [GeneratedRegex(@"^(.*?): (OK|BAD|NOKEY|NOTFOUND|NOTTRUSTED|UNSUPPORTED)\b")]
    private static partial Regex Line();
}
