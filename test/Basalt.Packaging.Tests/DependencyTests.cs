using System.Globalization;

namespace Basalt.Packaging.Tests;

public sealed class DependencyTests
{
    [Fact]
    public void ToString_EveryFixtureDependency_MatchesRpmDnevr()
    {
        var rows = new List<string>();
        foreach (var tag in new[] { "REQUIRE", "PROVIDE", "CONFLICT", "OBSOLETE", "RECOMMEND", "SUGGEST", "SUPPLEMENT", "ENHANCE" })
        {
            rows.AddRange(FixturePackages.Query($@"[%{{{tag}NAME}}\t%{{{tag}FLAGS}}\t%{{{tag}VERSION}}\t%{{{tag}NEVRS}}\n]"));
        }

        Assert.True(rows.Count > 100, $"expected many fixture dependencies, got {rows.Count}");
        int versioned = 0;
        foreach (var row in rows)
        {
            var f = row.Split('\t');
            var dependency = new Dependency(f[0], (DependencyFlags)uint.Parse(f[1], CultureInfo.InvariantCulture), f[2]);
            Assert.Equal(f[3], dependency.ToString());
            versioned += dependency.IsVersioned ? 1 : 0;
        }

        Assert.True(versioned > 10);
    }

    [Theory]
    [InlineData("foo", DependencyFlags.None, "", "foo")]
    [InlineData("foo", DependencyFlags.Greater | DependencyFlags.Equal, "1.2", "foo >= 1.2")]
    [InlineData("foo", DependencyFlags.Less | DependencyFlags.Equal | DependencyFlags.ScriptPre, "1:2-3", "foo <= 1:2-3")]
    [InlineData("foo", DependencyFlags.Less, "2", "foo < 2")]
    [InlineData("foo", DependencyFlags.Greater, "2", "foo > 2")]
    [InlineData("foo", DependencyFlags.Equal, "2-1", "foo = 2-1")]
    [InlineData("rpmlib(RichDependencies)", DependencyFlags.Less | DependencyFlags.Equal | DependencyFlags.RpmLib, "4.12.0-1", "rpmlib(RichDependencies) <= 4.12.0-1")]
    public void ToString_Dependency_PrintsAsRpm(string name, DependencyFlags flags, string version, string expected)
        => Assert.Equal(expected, new Dependency(name, flags, version).ToString());

    [Fact]
    public void Evr_Unversioned_IsNull()
    {
        Assert.Null(new Dependency("foo").Evr);
        Assert.Equal(new Evr(1, "2", "3"), new Dependency("foo", DependencyFlags.Equal, "1:2-3").Evr);
    }

    [Fact]
    public void IsRich_ParenthesisedName_IsTrue()
    {
        Assert.True(new Dependency("(a or b)").IsRich);
        Assert.False(new Dependency("perl(Foo)").IsRich);
    }

    [Theory]
    [InlineData(DependencyFlags.Less, 2u)]
    [InlineData(DependencyFlags.Greater, 4u)]
    [InlineData(DependencyFlags.Equal, 8u)]
    [InlineData(DependencyFlags.Posttrans, 32u)]
    [InlineData(DependencyFlags.Prereq, 64u)]
    [InlineData(DependencyFlags.Pretrans, 128u)]
    [InlineData(DependencyFlags.Interp, 256u)]
    [InlineData(DependencyFlags.ScriptPre, 512u)]
    [InlineData(DependencyFlags.ScriptPost, 1024u)]
    [InlineData(DependencyFlags.MissingOk, 1u << 19)]
    [InlineData(DependencyFlags.RpmLib, 1u << 24)]
    [InlineData(DependencyFlags.Config, 1u << 28)]
    [InlineData(DependencyFlags.Meta, 1u << 29)]
    public void DependencyFlags_Values_MatchRpmSense(DependencyFlags flag, uint expected)
        => Assert.Equal(expected, (uint)flag);

    [Fact]
    public void DependencyFlags_PythonRpmConstants_MatchOurValues()
    {
        var names = new (string Python, DependencyFlags Ours)[]
        {
            ("RPMSENSE_LESS", DependencyFlags.Less), ("RPMSENSE_GREATER", DependencyFlags.Greater),
            ("RPMSENSE_EQUAL", DependencyFlags.Equal), ("RPMSENSE_POSTTRANS", DependencyFlags.Posttrans),
            ("RPMSENSE_PREREQ", DependencyFlags.Prereq), ("RPMSENSE_PRETRANS", DependencyFlags.Pretrans),
            ("RPMSENSE_INTERP", DependencyFlags.Interp), ("RPMSENSE_SCRIPT_PRE", DependencyFlags.ScriptPre),
            ("RPMSENSE_SCRIPT_POST", DependencyFlags.ScriptPost), ("RPMSENSE_SCRIPT_PREUN", DependencyFlags.ScriptPreun),
            ("RPMSENSE_SCRIPT_POSTUN", DependencyFlags.ScriptPostun), ("RPMSENSE_SCRIPT_VERIFY", DependencyFlags.ScriptVerify),
            ("RPMSENSE_FIND_REQUIRES", DependencyFlags.FindRequires), ("RPMSENSE_FIND_PROVIDES", DependencyFlags.FindProvides),
            ("RPMSENSE_TRIGGERIN", DependencyFlags.TriggerIn), ("RPMSENSE_TRIGGERUN", DependencyFlags.TriggerUn),
            ("RPMSENSE_TRIGGERPOSTUN", DependencyFlags.TriggerPostun), ("RPMSENSE_MISSINGOK", DependencyFlags.MissingOk),
            ("RPMSENSE_RPMLIB", DependencyFlags.RpmLib), ("RPMSENSE_TRIGGERPREIN", DependencyFlags.TriggerPrein),
            ("RPMSENSE_KEYRING", DependencyFlags.Keyring), ("RPMSENSE_CONFIG", DependencyFlags.Config),
        };
        var lines = names.Select(n => n.Python).ToList();
        var values = PythonRpm.Run("import sys, rpm\nfor n in sys.stdin.read().split(): print(getattr(rpm, n))", lines);
        for (int i = 0; i < names.Length; i++)
        {
            Assert.Equal($"{names[i].Python}={(uint)names[i].Ours}", $"{names[i].Python}={values[i]}");
        }
    }
}
