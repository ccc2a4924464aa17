using Basalt.Compression;
using Basalt.Repositories.Metadata;
using Basalt.Repositories.Writing;
using Basalt.TestInfrastructure;

namespace Basalt.Repositories.Tests.Writing;

/// <summary>
/// <see cref="RepositoryIndexer"/> against createrepo_c on the same folders: same packages (parsed models compared
/// field by field), dnf resolves the same, two runs give the same bytes.
/// </summary>
public sealed class RepositoryIndexerTests
{
    internal static string CopyPackages(TempDirectory temp, string name, params string[] fixtureFolders)
    {
        var target = Directory.CreateDirectory(temp.Path(name)).FullName;
        foreach (var folder in fixtureFolders)
        {
            foreach (var file in Directory.GetFiles(Fixtures.Path(folder), "*.rpm"))
            {
                var copy = Path.Combine(target, Path.GetFileName(file));
                File.Copy(file, copy, overwrite: true);
                File.SetLastWriteTimeUtc(copy, new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            }
        }

        return target;
    }

    private static async Task<LoadedRepository> LoadAsync(string folder)
        => await RepositoryLoader.LoadAsync(new RepositoryDefinition("t", folder), new RepositoryLoadOptions { Filelists = true, Other = true },
            TestContext.Current.CancellationToken);

    public static TheoryData<string> Folders => new()
    {
        "rpms/createrepo_c/tests/testdata/packages",
        "rpms/rpm-rs/tests/assets/RPMS/v4",
        "rpms/rpm-rs/tests/assets/RPMS/v4/signed",
        "rpms/rpm-rs/tests/assets/RPMS/v6",
        "rpms/rpm-rs/historical@2aa5d15/test_assets",
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Index_PackagesFolder_EqualsCreaterepoModel(string fixture)
    {
        var createrepo = ExternalTool.Require("createrepo_c", "createrepo-c");
        using var temp = new TempDirectory();
        var ours = CopyPackages(temp, "ours", fixture);
        var theirs = CopyPackages(temp, "theirs", fixture);

        await RepositoryIndexer.IndexAsync(ours, new RepositoryIndexOptions { Timestamp = 1700000000, Compression = CompressionFormat.Gzip }, TestContext.Current.CancellationToken);
        ExternalTool.Run(createrepo, ["--revision", "1700000000", "--set-timestamp-to-revision", "--no-database", theirs]).EnsureSuccess("createrepo_c");

        var expected = (await LoadAsync(theirs)).Packages.OrderBy(p => p.Location, StringComparer.Ordinal).ToList();
        var actual = (await LoadAsync(ours)).Packages;
        Assert.Equal(expected.Select(p => p.Location), actual.Select(p => p.Location));
        for (int i = 0; i < expected.Count; i++)
        {
            // FileTime differs only when the clamp applies; compare everything else.
            Assert.Equal(expected[i] with { FileTime = 0 }, actual[i] with { FileTime = 0 }, PackageComparer.Instance);
        }
    }

    [Fact]
    public async Task Index_TwoRuns_GiveIdenticalBytes()
    {
        using var temp = new TempDirectory();
        var folder = CopyPackages(temp, "repo", "rpms/createrepo_c/tests/testdata/packages");
        var options = new RepositoryIndexOptions { Timestamp = 1700000000 };

        await RepositoryIndexer.IndexAsync(folder, options, TestContext.Current.CancellationToken);
        var first = Snapshot(Path.Combine(folder, "repodata"));
        await RepositoryIndexer.IndexAsync(folder, options, TestContext.Current.CancellationToken);
        var second = Snapshot(Path.Combine(folder, "repodata"));

        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first, pair => Assert.Equal(pair.Value, second[pair.Key]));
        Assert.Equal(4, first.Count);
        Assert.Contains(first.Keys, k => k.EndsWith("-primary.xml.zst", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Index_SourceDateEpoch_SetsRevisionAndClampsFileTimes()
    {
        using var temp = new TempDirectory();
        var folder = CopyPackages(temp, "repo", "rpms/createrepo_c/tests/testdata/packages");

        var repoMd = await RepositoryIndexer.IndexAsync(folder, new RepositoryIndexOptions { Timestamp = 1600000000, Revision = "42" }, TestContext.Current.CancellationToken);
        var loaded = await LoadAsync(folder);

        Assert.Equal("42", repoMd.Revision);
        Assert.All(repoMd.Records, r => Assert.Equal(1600000000, r.Timestamp));
        Assert.All(loaded.Packages, p => Assert.Equal(1600000000, p.FileTime));
        Assert.Equal(12, loaded.Packages.Count);
    }

    private static SortedDictionary<string, byte[]> Snapshot(string folder)
        => new(Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllBytes(f)), StringComparer.Ordinal);

    /// <summary>Compares two packages field by field, lists by content, with a message naming the package.</summary>
    private sealed class PackageComparer : IEqualityComparer<RpmMdPackage>
    {
        public static readonly PackageComparer Instance = new();

        public bool Equals(RpmMdPackage? x, RpmMdPackage? y)
        {
            Assert.NotNull(x);
            Assert.NotNull(y);
            var what = x.Location;
            Assert.True(x.Nevra == y.Nevra, $"{what}: nevra {x.Nevra} vs {y.Nevra}");
            Assert.True(x.Checksum == y.Checksum, $"{what}: checksum");
            foreach (var (name, a, b) in new[]
            {
                ("summary", x.Summary, y.Summary), ("description", x.Description, y.Description), ("packager", x.Packager, y.Packager),
                ("url", x.Url, y.Url), ("license", x.License, y.License), ("vendor", x.Vendor, y.Vendor), ("group", x.Group, y.Group),
                ("buildhost", x.BuildHost, y.BuildHost), ("sourcerpm", x.SourceRpm, y.SourceRpm),
            })
            {
                Assert.True(a == b, $"{what}: {name} \"{a}\" vs \"{b}\"");
            }

            Assert.Equal((x.BuildTime, x.PackageSize, x.InstalledSize, x.ArchiveSize, x.HeaderStart, x.HeaderEnd),
                (y.BuildTime, y.PackageSize, y.InstalledSize, y.ArchiveSize, y.HeaderStart, y.HeaderEnd));
            Assert.Equal(x.Provides.Select(Render), y.Provides.Select(Render));
            Assert.Equal(x.Requires.Select(Render), y.Requires.Select(Render));
            Assert.Equal(x.Conflicts.Select(Render), y.Conflicts.Select(Render));
            Assert.Equal(x.Obsoletes.Select(Render), y.Obsoletes.Select(Render));
            Assert.Equal(x.Recommends.Select(Render), y.Recommends.Select(Render));
            Assert.Equal(x.Suggests.Select(Render), y.Suggests.Select(Render));
            Assert.Equal(x.Supplements.Select(Render), y.Supplements.Select(Render));
            Assert.Equal(x.Enhances.Select(Render), y.Enhances.Select(Render));
            Assert.Equal(x.Files, y.Files);
            Assert.Equal(x.Changelogs, y.Changelogs);
            return true;
        }

        public int GetHashCode(RpmMdPackage obj) => 0;

        private static string Render(Basalt.Packaging.Dependency d)
            => d + ((d.Flags & Basalt.Packaging.DependencyFlags.ScriptPre) != 0 ? " [pre]" : "");
    }
}
