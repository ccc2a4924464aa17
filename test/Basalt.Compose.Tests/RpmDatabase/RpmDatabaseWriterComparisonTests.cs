using Basalt.Rpm.Format;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.RpmDatabase;

/// <summary>
/// Our database next to the one rpm 4.18 writes for the same packages (`rpm -i --justdb --nodeps --noscripts`):
/// same schema, same rows in every table, and the same installed header blobs apart from the two clock values.
/// </summary>
public sealed class RpmDatabaseWriterComparisonTests
{
    [Fact]
    public async Task BuildAsync_FixturePackages_MatchesTheDatabaseRpmWrites()
    {
        using var temp = new TempDirectory("rpmdb");
        RpmDatabaseFixture.RpmInstallJustDb(temp.Path("rpm"), RpmDatabaseFixture.Files);
        await RpmDatabaseFixture.WriteIntoRootAsync(RpmDatabaseFixture.ReadHeaders(), temp.Path("ours"), temp.FullPath);

        AssertSameAsRpm(temp, RpmDatabaseFixture.PackagePaths.Length);
    }

    /// <summary>Every package name among the fixtures (old and new rpm, v3/v4/v6 formats, many packagers).</summary>
    [Fact]
    public async Task BuildAsync_OnePackagePerFixtureName_MatchesTheDatabaseRpmWrites()
    {
        using var temp = new TempDirectory("rpmdb");
        var files = RpmDatabaseFixture.OnePackagePerName();
        RpmDatabaseFixture.RpmInstallJustDb(temp.Path("rpm"), files);
        // rpm drops a package that another one in the same transaction obsoletes; record the same set.
        List<string> recorded;
        using (var theirs = RpmDatabaseFixture.OpenReadOnly(temp.Path("rpm", "usr/lib/sysimage/rpm/rpmdb.sqlite")))
        {
            recorded = RpmDatabaseFixture.Strings(theirs, "SELECT key FROM Name");
        }

        var packages = files.Select(RpmPackageHeaders.Read)
            .Where(p => recorded.Contains(p.Header.GetString(RpmTag.Name)!))
            .ToList();
        await RpmDatabaseFixture.WriteIntoRootAsync(packages, temp.Path("ours"), temp.FullPath);

        Assert.True(packages.Count >= 50, $"only {packages.Count} packages");
        AssertSameAsRpm(temp, packages.Count);
    }

    /// <summary>
    /// Rich dependencies in every position rpm indexes: nested and double-negated conditions, else branches,
    /// repeated names, versioned operands, and a Requires(pre) that rpm leaves out of the index altogether.
    /// </summary>
    [Fact]
    public async Task BuildAsync_RichDependencies_IndexesTheSameNamesAsRpm()
    {
        var rpmbuild = ExternalTool.Require("rpmbuild", "rpm");
        using var temp = new TempDirectory("rpmdb");
        await File.WriteAllTextAsync(temp.Path("rich.spec"), RichSpec, TestContext.Current.CancellationToken);
        ExternalTool.Run(rpmbuild, ["-bb", "--define", $"_topdir {temp.Path("top")}", temp.Path("rich.spec")],
            environment: new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000" }).EnsureSuccess("rpmbuild");
        var file = temp.Path("top", "RPMS", "noarch", "rich-1-1.noarch.rpm");
        RpmDatabaseFixture.RpmInstallJustDb(temp.Path("rpm"), [file]);
        await RpmDatabaseFixture.WriteIntoRootAsync([RpmPackageHeaders.Read(file)], temp.Path("ours"), temp.FullPath);

        AssertSameAsRpm(temp, 1);
        var requirers = RpmDatabaseFixture.Rpm(temp.Path("ours"), "-q", "--qf", "%{NAME}\n", "--whatrequires", "q4").EnsureSuccess("--whatrequires");
        Assert.Equal("rich\n", requirers.StandardOutput);
    }

    private const string RichSpec = """
        Name: rich
        Version: 1
        Release: 1
        Summary: Rich dependencies in every indexed position
        License: MIT
        BuildArch: noarch
        Requires: ((a1 if b1) if c1)
        Requires: (a2 or (a2 and b2))
        Requires: (x3 if (y3 and z3))
        Requires: (p4 if q4 else (r4 if s4))
        Requires: (m5 >= 1.0 with m5 < 2.0)
        Requires: (dn1 if (dn2 if dn3))
        Requires: (dn4 if (dn5 if dn6 else dn7))
        Requires: (zz6 and aa6 and (kk6 if bb6))
        Requires(pre): (pre7 or pre8)
        Requires(preun): (un9 or un10)
        Recommends: (rr11 if ss11 else tt11)
        Suggests: (sg1 without sg2)
        Supplements: (sup12 and (sup13 if sup14 else sup16))
        Enhances: (en1 or en2)
        Conflicts: (c15 unless (d15 or e15) else f15)
        %description
        Exercises rpm's index of names inside rich dependencies.
        %files

        """;

    private static void AssertSameAsRpm(TempDirectory temp, int packageCount)
    {
        using var ours = RpmDatabaseFixture.OpenReadOnly(temp.Path("ours", "usr/lib/sysimage/rpm/rpmdb.sqlite"));
        using var theirs = RpmDatabaseFixture.OpenReadOnly(temp.Path("rpm", "usr/lib/sysimage/rpm/rpmdb.sqlite"));

        // rpm's close-time `PRAGMA optimize` adds sqlite_stat1 (planner statistics); it is not part of rpm's schema.
        const string Schema = "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE name <> 'sqlite_stat1' ORDER BY rowid";
        Assert.Equal(RpmDatabaseFixture.Strings(theirs, Schema), RpmDatabaseFixture.Strings(ours, Schema));

        var tables = RpmDatabaseFixture.Strings(ours, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'Packages'");
        Assert.Equal(18, tables.Count);
        foreach (var table in tables)
        {
            // hnum differs (rpm orders the transaction itself), so rows are compared through the package name;
            // rpm's INSTALLTID comes from its clock, so only its 4-byte shape is compared.
            var key = table == "Installtid" ? "length(t.key)" : "quote(t.key)";
            var rows = $"SELECT {key} || ' ' || n.key || ' ' || t.idx FROM '{table}' t JOIN Name n ON n.hnum = t.hnum ORDER BY 1";
            var expected = RpmDatabaseFixture.Strings(theirs, rows);
            Assert.Equal(expected, RpmDatabaseFixture.Strings(ours, rows));
            Assert.True(table is not ("Name" or "Providename" or "Requirename" or "Installtid") || expected.Count > 0, table);
        }

        Assert.Equal(RpmDatabaseFixture.Strings(theirs, "SELECT seq FROM sqlite_sequence"), RpmDatabaseFixture.Strings(ours, "SELECT seq FROM sqlite_sequence"));
        var ourBlobs = RpmDatabaseFixture.NormalizedBlobs(ours);
        var theirBlobs = RpmDatabaseFixture.NormalizedBlobs(theirs);
        Assert.Equal(theirBlobs.Keys.Order(StringComparer.Ordinal), ourBlobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(packageCount, ourBlobs.Count);
        foreach (var (name, blob) in theirBlobs)
        {
            Assert.True(blob.AsSpan().SequenceEqual(ourBlobs[name]), $"installed header of '{name}' differs from rpm's ({blob.Length} vs {ourBlobs[name].Length} bytes)");
        }
    }
}
