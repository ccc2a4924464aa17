using Basalt.TestInfrastructure;

namespace Basalt.Repositories.Tests.Sources;

/// <summary>Metadata that differs from repomd.xml is refused before use, with both digests in the message.</summary>
public sealed class VerificationTests
{
    internal static string CopyRepository(TempDirectory temp, string fixture)
    {
        var source = Fixtures.Path(fixture);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(temp.FullPath, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return temp.FullPath;
    }

    [Fact]
    public async Task Load_CorruptPrimary_FailsWithExpectedAndActualDigest()
    {
        using var temp = new TempDirectory();
        var root = CopyRepository(temp, "repodata/createrepo_c/tests/testdata/repo_02");
        const string location = "repodata/bcde64b04916a2a72fdc257d61bc922c70b3d58e953499180585f7a360ce86cf-primary.xml.gz";
        var bytes = File.ReadAllBytes(Path.Combine(root, location));
        bytes[^10] ^= 0xff;
        File.WriteAllBytes(Path.Combine(root, location), bytes);
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryLoader.LoadAsync(new RepositoryDefinition("r02", root), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"Repository 'r02' file '{location}': sha256 checksum mismatch: expected bcde64b04916a2a72fdc257d61bc922c70b3d58e953499180585f7a360ce86cf, actual {actual}.", ex.Message);
    }

    [Fact]
    public async Task Load_CreaterepoRepo01_FailsBecauseItsPrimaryIsOneByteLonger()
    {
        // createrepo_c's own repo_01 fixture: the primary file is 783 bytes, repomd.xml says 782 (and its checksum differs).
        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryLoader.LoadAsync(
            new RepositoryDefinition("repo_01", Fixtures.Path("repodata/createrepo_c/tests/testdata/repo_01")), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("Repository 'repo_01' file 'repodata/6c662d665c24de9a0f62c17d8fa50622307739d7376f0d19097ca96c6d7f5e3e-primary.xml.gz': size mismatch: expected 782 bytes, actual 783 bytes.", ex.Message);
    }

    [Fact]
    public async Task Load_WrongSize_FailsNamingSizes()
    {
        using var temp = new TempDirectory();
        var root = CopyRepository(temp, "repodata/createrepo_c/tests/testdata/repo_02");
        var repomd = Path.Combine(root, "repodata/repomd.xml");
        File.WriteAllText(repomd, File.ReadAllText(repomd).Replace("<size>973</size>", "<size>974</size>", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryLoader.LoadAsync(new RepositoryDefinition("r02", root), cancellationToken: TestContext.Current.CancellationToken));

        Assert.EndsWith("-primary.xml.gz': size mismatch: expected 974 bytes, actual 973 bytes.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WrongOpenChecksum_FailsAfterDecompression()
    {
        using var temp = new TempDirectory();
        var root = CopyRepository(temp, "repodata/createrepo_c/tests/testdata/repo_02");
        var repomd = Path.Combine(root, "repodata/repomd.xml");
        const string open = "a93dfbbab1d02b0d3a49a000a6d0970dd6529f0e2897c434d67d97da2624e3a0";
        File.WriteAllText(repomd, File.ReadAllText(repomd).Replace(open, new string('0', 64), StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryLoader.LoadAsync(new RepositoryDefinition("r02", root), cancellationToken: TestContext.Current.CancellationToken));

        Assert.EndsWith($"-primary.xml.gz': sha256 open-checksum mismatch: expected {new string('0', 64)}, actual {open}.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_CorruptGzipWithMatchingChecksum_FailsAsCorruptData()
    {
        using var temp = new TempDirectory();
        var repodata = Directory.CreateDirectory(temp.Path("repodata")).FullName;
        byte[] garbage = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02];
        File.WriteAllBytes(Path.Combine(repodata, "p.xml.gz"), garbage);
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(garbage));
        File.WriteAllText(Path.Combine(repodata, "repomd.xml"),
            $"<repomd xmlns=\"http://linux.duke.edu/metadata/repo\"><revision>1</revision><data type=\"primary\"><checksum type=\"sha256\">{hex}</checksum>"
            + $"<location href=\"repodata/p.xml.gz\"/><size>{garbage.Length}</size></data></repomd>");

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => RepositoryLoader.LoadAsync(new RepositoryDefinition("bad", temp.FullPath), cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(ex is InvalidDataException, ex.ToString());
        Assert.Contains("p.xml.gz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_NoRepoMd_FailsNamingThePath()
    {
        using var temp = new TempDirectory();

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryLoader.LoadAsync(new RepositoryDefinition("empty", "file://" + temp.FullPath), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"Repository 'empty': '{temp.FullPath}/repodata/repomd.xml' does not exist.", ex.Message);
    }

    [Fact]
    public async Task Load_LocationEscapingTheRepository_IsRefused()
    {
        using var temp = new TempDirectory();
        var root = CopyRepository(temp, "repodata/createrepo_c/tests/testdata/repo_02");
        var repomd = Path.Combine(root, "repodata/repomd.xml");
        File.WriteAllText(repomd, File.ReadAllText(repomd).Replace("href=\"repodata/bcde", "href=\"../../bcde", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryLoader.LoadAsync(new RepositoryDefinition("r02", root), cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith("Location '../../bcde", ex.Message, StringComparison.Ordinal);
    }
}
