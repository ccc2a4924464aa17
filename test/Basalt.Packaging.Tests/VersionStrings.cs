using System.Text;

namespace Basalt.Packaging.Tests;

/// <summary>
/// Seeded generator of version-like strings that exercise every branch of rpmvercmp: digit runs with leading
/// zeros, letter runs, '~', '^', separators ('.', '_', '+', '-'), empty segments and a non-ASCII separator.
/// </summary>
internal sealed class VersionStrings(int seed)
{
    private static readonly string[] Tokens =
    [
        "0", "00", "1", "01", "001", "2", "9", "10", "010", "11", "99", "100", "123", "4294967296", "18446744073709551617",
        "a", "b", "z", "A", "Z", "ab", "abc", "rc", "beta", "git", "post", "el", "fc",
        ".", ".", ".", "_", "+", "-", "~", "~", "^", "^", "..", "~~", "^^", "é", "",
    ];

    private readonly Random _random = new(seed);

    /// <summary>A fresh version string of 0–7 tokens.</summary>
    public string Next()
    {
        int count = _random.Next(0, 8);
        var builder = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            builder.Append(Tokens[_random.Next(Tokens.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>Either a fresh string or a small edit of <paramref name="basis"/>, so equal prefixes are common.</summary>
    public string NextNear(string basis)
    {
        if (_random.Next(3) == 0 || basis.Length == 0)
        {
            return Next();
        }

        int at = _random.Next(basis.Length + 1);
        return _random.Next(3) switch
        {
            0 => basis.Insert(at, Tokens[_random.Next(Tokens.Length)]),
            1 => at < basis.Length ? basis.Remove(at, 1) : basis + Tokens[_random.Next(Tokens.Length)],
            _ => basis,
        };
    }

    /// <summary>An EVR with an optional epoch, a version without '-' and an optional release.</summary>
    public Evr NextEvr(Evr? near = null)
    {
        int? epoch = _random.Next(4) switch
        {
            0 => null,
            1 => 0,
            2 => _random.Next(0, 3),
            _ => near?.Epoch,
        };
        string version = (near is null ? Next() : NextNear(near.Version)).Replace("-", "", StringComparison.Ordinal);
        string? release = _random.Next(4) == 0 ? null : (near?.Release is { } r ? NextNear(r) : Next());
        return new Evr(epoch, version, release);
    }

    /// <summary>The next random integer below <paramref name="max"/>.</summary>
    public int Next(int max) => _random.Next(max);
}
