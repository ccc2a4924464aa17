using System.Diagnostics;
using Basalt.Repositories.Metadata;
using Basalt.TestInfrastructure;

namespace Basalt.Repositories.Tests.Metadata;

/// <summary>Real CentOS Stream 9 metadata: BaseOS (primary + filelists) and AppStream (17,649 packages).</summary>
public sealed class CentOsStreamTests
{
    private const string BaseOs = "repodata/osbuild/cs9-baseos-2022@bc08eed/test/data/testrepos/baseos";
    private const string AppStream = "repodata/osbuild/head@f6b23db/test/data/testrepos/appstream";

    private static int GrepCount(string folder)
    {
        ExternalTool.Require("zcat", "gzip");
        var result = ExternalTool.Shell($"zcat '{Fixtures.Path(folder)}'/repodata/*-primary.xml.gz | grep -c '<package '").EnsureSuccess("zcat | grep");
        return int.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Load_BaseOsWithFilelists_CountsAndFilesMatch()
    {
        var repository = await RepositoryLoader.LoadAsync(new RepositoryDefinition("baseos", Fixtures.Path(BaseOs)),
            new RepositoryLoadOptions { Filelists = true }, TestContext.Current.CancellationToken);

        Assert.Equal(1125, repository.Packages.Count);
        Assert.Equal(GrepCount(BaseOs), repository.Packages.Count);
        var bash = repository.Packages.Single(p => p.Nevra.Name == "bash");
        Assert.Contains(bash.Files, f => f.Path == "/usr/bin/bash");
        Assert.Contains(bash.Files, f => f.Path == "/usr/share/doc/bash" && f.Type == RpmMdFileType.Dir);
        Assert.True(repository.Files.Single(f => f.Record.Type == "filelists").Verified);
        var candidates = repository.ToCandidates();
        Assert.Equal(repository.Packages.Count(p => p.Nevra.Arch != "src"), candidates.Count);
        Assert.All(candidates, c => Assert.StartsWith("sha256:", c.Checksum, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_AppStream_EqualsIndependentParse()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        var repository = await RepositoryLoader.LoadAsync(new RepositoryDefinition("appstream", Fixtures.Path(AppStream)),
            new RepositoryLoadOptions { KeepText = false }, TestContext.Current.CancellationToken);
        stopwatch.Stop();
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        TestContext.Current.SendDiagnosticMessage($"AppStream: {repository.Packages.Count} packages in {stopwatch.ElapsedMilliseconds} ms, {retained >> 20} MiB retained");

        Assert.Equal(17649, repository.Packages.Count);
        Assert.Equal(GrepCount(AppStream), repository.Packages.Count);
        // The document is 52 MB of XML; what stays in memory is the package model only.
        Assert.True(retained < 400L << 20, $"retained {retained} bytes");

        var primary = repository.RepoMd.Find("primary")!;
        using var stream = MetadataFiles.Open(Path.Combine(Fixtures.Path(AppStream), primary.Location));
        var expected = XmlOracle.Read(stream).ToList();
        Assert.Equal(expected.Select(p => p.Nevra), repository.Packages.Select(p => p.Nevra.ToString()));
        // Every 350th package (about 50) in full: requires (with pre), provides and primary files.
        for (int i = 0; i < expected.Count; i += 350)
        {
            var actual = repository.Packages[i];
            Assert.Equal(expected[i].PkgId, actual.PkgId);
            Assert.Equal(expected[i].Requires, actual.Requires.Select(XmlOracle.Render));
            Assert.Equal(expected[i].Provides, actual.Provides.Select(XmlOracle.Render));
            Assert.Equal(expected[i].Files, actual.Files.Select(f => f.Path));
        }
    }

    [Fact]
    public async Task Load_BaseOs_NevrasEqualDnfRepoquery()
    {
        ExternalTool.Require("dnf", "dnf");
        using var home = new TempDirectory();
        var folder = Fixtures.Path(BaseOs);
        var result = ExternalTool.Run("dnf", ["--setopt=cachedir=" + home.Path("cache"), "--releasever=1", "--installroot=" + home.Path("root"),
            "--disablerepo=*", "--repofrompath=x," + folder, "--enablerepo=x", "-q", "repoquery", "--qf", "%{name} %{epoch} %{version} %{release} %{arch}"],
            environment: new Dictionary<string, string> { ["HOME"] = home.FullPath }, timeout: TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, result.StandardError);
        var expected = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();

        var repository = await RepositoryLoader.LoadAsync(new RepositoryDefinition("x", folder), cancellationToken: TestContext.Current.CancellationToken);
        var actual = repository.Packages.Select(p => $"{p.Nevra.Name} {p.Nevra.Epoch ?? 0} {p.Nevra.Version} {p.Nevra.Release} {p.Nevra.Arch}")
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, actual);
    }
}
