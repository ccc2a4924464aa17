using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Basalt.Packaging.Tests;

/// <summary>FsCheck generators of version strings and EVRs built from rpmvercmp's interesting tokens.</summary>
public static class EvrArbitraries
{
    private static readonly string[] Tokens =
        ["0", "00", "1", "01", "2", "10", "010", "99", "a", "b", "Z", "rc", "git", ".", "_", "+", "~", "^", "..", ""];

    public static Gen<string> VersionGen()
        => Gen.Elements(Tokens).ListOf().Select(tokens => string.Concat(tokens));

    public static Arbitrary<string> Versions() => VersionGen().ToArbitrary();

    public static Arbitrary<Evr> Evrs()
        => (from epoch in Gen.Elements<int?>(null, 0, 1, 2)
            from version in VersionGen()
            from hasRelease in Gen.Elements(true, false)
            from release in VersionGen()
            select new Evr(epoch, version.Replace("-", "", StringComparison.Ordinal), hasRelease ? release : null))
            .ToArbitrary();
}

public sealed class EvrPropertyTests
{
    [Property(Arbitrary = [typeof(EvrArbitraries)], MaxTest = 2000)]
    public bool RpmVersionCompare_AnyPair_IsAntisymmetric(string a, string b)
        => RpmVersion.Compare(a, b) == -RpmVersion.Compare(b, a);

    [Property(Arbitrary = [typeof(EvrArbitraries)], MaxTest = 500)]
    public bool RpmVersionCompare_Self_IsZero(string a) => RpmVersion.Compare(a, a) == 0 && RpmVersion.Compare(a, a + "") == 0;

    [Property(Arbitrary = [typeof(EvrArbitraries)], MaxTest = 3000)]
    public bool RpmVersionCompare_AnyTriple_IsTransitive(string a, string b, string c)
    {
        var sorted = new[] { a, b, c };
        Array.Sort(sorted, RpmVersion.Compare);
        // After a sort with the comparer, every ordered pair must agree with the order (else the order is not transitive).
        return RpmVersion.Compare(sorted[0], sorted[1]) <= 0
               && RpmVersion.Compare(sorted[1], sorted[2]) <= 0
               && RpmVersion.Compare(sorted[0], sorted[2]) <= 0;
    }

    [Property(Arbitrary = [typeof(EvrArbitraries)], MaxTest = 2000)]
    public bool EvrCompare_AnyPair_IsAntisymmetric(Evr a, Evr b) => Evr.Compare(a, b) == -Evr.Compare(b, a);

    [Property(Arbitrary = [typeof(EvrArbitraries)], MaxTest = 500)]
    public bool EvrCompare_Self_IsZero(Evr a) => Evr.Compare(a, a with { }) == 0;

    [Property(Arbitrary = [typeof(EvrArbitraries)], MaxTest = 3000)]
    public bool EvrCompare_AnyTriple_IsTransitive(Evr a, Evr b, Evr c)
    {
        // a <= b and b <= c imply a <= c; likewise for >=.
        int ab = Evr.Compare(a, b), bc = Evr.Compare(b, c), ac = Evr.Compare(a, c);
        return (ab > 0 || bc > 0 || ac <= 0) && (ab < 0 || bc < 0 || ac >= 0);
    }

    [Property(Arbitrary = [typeof(EvrArbitraries)], MaxTest = 1000)]
    public bool EvrParse_PrintedEvr_RoundTrips(Evr a)
    {
        // rpm's parse splits at the last '-', so a version with '-' or ':' cannot round-trip; the generator avoids them.
        return Evr.Parse(a.ToString()) == a;
    }

    [Property(Arbitrary = [typeof(EvrArbitraries)], MaxTest = 1000)]
    public bool RpmVersionCompare_TildeSuffix_SortsBeforeBase(string a)
        => a.Length == 0 || RpmVersion.Compare(a + "~x", a) < 0;

    [Property(Arbitrary = [typeof(EvrArbitraries)], MaxTest = 1000)]
    public bool RpmVersionCompare_CaretSuffix_SortsAfterBase(string a)
        => RpmVersion.Compare(a + "^x", a) > 0;
}
