using System.Globalization;

namespace Basalt.Packaging.Tests;

public sealed class CapabilityTests
{
    private const DependencyFlags L = DependencyFlags.Less;
    private const DependencyFlags G = DependencyFlags.Greater;
    private const DependencyFlags E = DependencyFlags.Equal;

    // provide op, provide evr, requirement op, requirement evr, satisfied (each row checked against rpm.ds below).
    private static readonly (string ProvideOp, string ProvideEvr, string RequireOp, string RequireEvr, bool Expected)[] Rows =
    [
        ("", "", ">=", "1.0", true),          // unversioned provide satisfies any requirement
        ("=", "1.0-1", "", "", true),         // unversioned requirement is satisfied by any provide
        ("=", "1.0-1", ">=", "1.0", true),
        ("=", "1.0-1", ">", "1.0", false),
        ("=", "1.0-1", "=", "1.0", true),     // requirement without release matches any release
        ("=", "1.0", "=", "1.0-1", true),     // a provide without release names every release
        ("=", "1.0", "<", "1.0-1", true),     // … including ones below, as rpmverOverlap decides
        ("=", "1.0-1", "<", "1.0", false),
        ("=", "1.0-1", "<=", "1.0", true),
        ("=", "1.0-2", "=", "1.0-1", false),
        ("=", "1.0-2", ">", "1.0-1", true),
        ("=", "1:1.0-1", ">=", "2.0", true),  // a positive epoch beats a missing one
        ("=", "1.0-1", "<", "1:0.1", true),
        ("=", "0:1.0-1", "=", "1.0-1", true), // epoch 0 equals a missing epoch
        ("=", "1.0-1", "=", "0:1.0", true),
        ("=", "2:1.0", "=", "1:1.0", false),
        ("=", "1.0~rc1", ">=", "1.0", false),
        ("=", "1.0^git1", ">", "1.0", true),
        ("<", "2.0", ">", "1.0", true),       // two ranges that intersect
        ("<", "1.0", ">", "1.0", false),
        ("<=", "1.0", ">=", "1.0", true),
        (">", "1.0", ">", "5.0", true),
        ("<", "1.0", "<", "0.5", true),
        ("=", "", ">", "1.0-1", true),          // an empty provide EVR matches anything
    ];

    public static TheoryData<string, string, string, string, bool> Table
    {
        get
        {
            var data = new TheoryData<string, string, string, string, bool>();
            foreach (var r in Rows)
            {
                data.Add(r.ProvideOp, r.ProvideEvr, r.RequireOp, r.RequireEvr, r.Expected);
            }

            return data;
        }
    }

    private static DependencyFlags Op(string op) => op switch
    {
        "" => DependencyFlags.None,
        "<" => L,
        "<=" => L | E,
        "=" => E,
        ">=" => G | E,
        ">" => G,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Satisfies_Table_MatchesRpmRules(string provideOp, string provideEvr, string requireOp, string requireEvr, bool expected)
    {
        var provide = new Dependency("foo", Op(provideOp), provideEvr);
        var requirement = new Dependency("foo", Op(requireOp), requireEvr);
        Assert.Equal(expected, Capability.Satisfies(provide, requirement));
        Assert.Equal(expected, Capability.Overlaps(requirement, provide));
    }

    [Fact]
    public void Satisfies_Table_AgreesWithPythonRpmDs()
    {
        var lines = Rows.Select(r => string.Join('\t',
            "Sfoo", "S" + (uint)Op(r.ProvideOp), "S" + r.ProvideEvr,
            "Sfoo", "S" + (uint)Op(r.RequireOp), "S" + r.RequireEvr)).ToList();
        var answers = PythonRpm.Run(PythonRpm.DsCompareScript, lines);
        for (int i = 0; i < Rows.Length; i++)
        {
            Assert.Equal($"{lines[i]} => {(Rows[i].Expected ? "1" : "0")}", $"{lines[i]} => {answers[i]}");
        }
    }

    [Fact]
    public void Satisfies_DifferentNames_IsFalse()
        => Assert.False(Capability.Satisfies(new Dependency("foo"), new Dependency("bar")));

    [Fact]
    public void Satisfies_GeneratedRanges_MatchesPythonRpmDs()
    {
        var generator = new VersionStrings(4242);
        DependencyFlags[] senses = [DependencyFlags.None, L, L | E, E, G | E, G, L | G];
        var cases = new List<(Dependency Provide, Dependency Requirement)>();
        for (int i = 0; i < 20_000; i++)
        {
            var a = generator.NextEvr();
            var b = generator.NextEvr(a);
            // Occasionally drop the release or the whole EVR to reach the "no release" and "no version" rules.
            string evrA = generator.Next(10) == 0 ? "" : (generator.Next(3) == 0 ? a with { Release = null } : a).ToString();
            string evrB = generator.Next(10) == 0 ? "" : (generator.Next(3) == 0 ? b with { Release = null } : b).ToString();
            cases.Add((new Dependency("cap", senses[generator.Next(senses.Length)], evrA),
                new Dependency("cap", senses[generator.Next(senses.Length)], evrB)));
        }

        var lines = cases.ConvertAll(c => string.Join('\t',
            "S" + c.Provide.Name, "S" + ((uint)c.Provide.Flags).ToString(CultureInfo.InvariantCulture), "S" + c.Provide.Version,
            "S" + c.Requirement.Name, "S" + ((uint)c.Requirement.Flags).ToString(CultureInfo.InvariantCulture), "S" + c.Requirement.Version));
        var answers = PythonRpm.Run(PythonRpm.DsCompareScript, lines);
        var failures = new List<string>();
        int satisfied = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            bool want = answers[i] == "1";
            satisfied += want ? 1 : 0;
            if (Capability.Satisfies(cases[i].Provide, cases[i].Requirement) != want && failures.Count < 20)
            {
                failures.Add($"P {cases[i].Provide} / R {cases[i].Requirement}: rpm {want}");
            }
        }

        Assert.Empty(failures);
        Assert.InRange(satisfied, cases.Count / 10, cases.Count - (cases.Count / 10));
    }

    [Fact]
    public void RangesOverlap_HugeEpochs_ComparesAsRpmvercmp()
    {
        Assert.True(Capability.RangesOverlap("99999999999999999999:1", E, "99999999999999999998:1", G));
        Assert.False(Capability.RangesOverlap("99999999999999999999:1", E, "99999999999999999999:2", G | E));
    }
}
