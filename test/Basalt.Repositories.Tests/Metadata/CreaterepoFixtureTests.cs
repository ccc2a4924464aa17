using Basalt.Repositories.Metadata;
using Basalt.TestInfrastructure;

namespace Basalt.Repositories.Tests.Metadata;

/// <summary>Every createrepo_c test repository loads, verified, and agrees with an independent XDocument reading.</summary>
public sealed class CreaterepoFixtureTests
{
    private const string TestData = "repodata/createrepo_c/tests/testdata";

    [Theory]
    [InlineData("repo_00")]
    [InlineData("repo_02")]
    [InlineData("repo_03")]
    [InlineData("repo_04")]
    [InlineData("repo_koji_01")]
    [InlineData("repo_koji_02")]
    [InlineData("repo_with_duplicate_packages")]
    [InlineData("repo_with_additional_metadata")]
    public async Task Load_CreaterepoRepository_MatchesIndependentParse(string name)
    {
        var folder = Fixtures.Path($"{TestData}/{name}");
        var repository = await RepositoryLoader.LoadAsync(new RepositoryDefinition(name, folder),
            new RepositoryLoadOptions { Filelists = true, Other = true }, TestContext.Current.CancellationToken);

        var primary = repository.RepoMd.Find("primary")!;
        using var stream = MetadataFiles.Open(Path.Combine(folder, primary.Location));
        var expected = XmlOracle.Read(stream).ToList();
        Assert.Equal(expected.Select(p => p.Nevra), repository.Packages.Select(p => p.Nevra.ToString()));
        Assert.Equal(expected.Select(p => p.PkgId), repository.Packages.Select(p => p.PkgId));
        Assert.Equal(expected.SelectMany(p => p.Requires), repository.Packages.SelectMany(p => p.Requires.Select(XmlOracle.Render)));
        Assert.Equal(expected.SelectMany(p => p.Provides), repository.Packages.SelectMany(p => p.Provides.Select(XmlOracle.Render)));
        Assert.All(repository.Files.Where(f => f.Record.Type is "primary" or "filelists" or "other"), f => Assert.True(f.Verified, f.Record.Location));
    }

    [Fact]
    public async Task Load_Repo02_ReadsFilelistsAndChangelogs()
    {
        var repository = await RepositoryLoader.LoadAsync(new RepositoryDefinition("r", Fixtures.Path($"{TestData}/repo_02")),
            new RepositoryLoadOptions { Filelists = true, Other = true }, TestContext.Current.CancellationToken);

        var package = repository.Packages.Single(p => p.Nevra.Name == "super_kernel");
        Assert.Equal("super_kernel-6.0.1-2.x86_64", package.Nevra.ToString());
        Assert.Equal(["/usr/bin/super_kernel", "/usr/share/man/super_kernel.8.gz"], package.Files.Select(f => f.Path));
        Assert.Equal(["- First release", "- Second release"], package.Changelogs.Select(c => c.Text));
        Assert.Equal("sha256:6d43a638af70ef899933b1fd86a866f18f65b0e0e17dcbf2e42bfd0cdd7c63c3", package.ToCandidate("r").Checksum);
    }

    [Theory]
    [InlineData("00_plain.txt.gz")]
    [InlineData("00_plain.txt.bz2")]
    [InlineData("00_plain.txt.xz")]
    [InlineData("00_plain.txt.zst")]
    [InlineData("00_plain.foo0")]
    [InlineData("00_plain.foo1")]
    [InlineData("00_plain.foo2")]
    [InlineData("00_plain.foo3")]
    [InlineData("00_plain.foo4")]
    [InlineData("01_plain.txt.gz")]
    [InlineData("01_plain.txt.bz2")]
    [InlineData("01_plain.txt.xz")]
    [InlineData("01_plain.txt.zst")]
    public void Open_CompressedFile_DetectsByMagic(string file)
    {
        var folder = Fixtures.Path($"{TestData}/compressed_files");
        var plain = File.ReadAllBytes(Path.Combine(folder, file[..2] + "_plain.txt"));

        using var stream = MetadataFiles.Open(Path.Combine(folder, file));
        using var copy = new MemoryStream();
        stream.CopyTo(copy);

        Assert.Equal(plain, copy.ToArray());
    }

    [Fact]
    public void Open_Zchunk_FailsWithClearMessage()
    {
        var path = Fixtures.Path($"{TestData}/compressed_files/00_plain.txt.zck");

        var ex = Assert.Throws<InvalidDataException>(() => MetadataFiles.Open(path));

        Assert.Equal($"'{path}' is zchunk-compressed, which is not supported; use the gzip, xz, bzip2 or zstd variant.", ex.Message);
    }
}
