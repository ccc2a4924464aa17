using Basalt.Repositories.Sources;
using Basalt.TestInfrastructure;

namespace Basalt.Repositories.Tests.Sources;

/// <summary>HTTP repositories through the content-addressed cache, against a server on 127.0.0.1.</summary>
public sealed class HttpSourceTests
{
    private const string Repo02 = "repodata/createrepo_c/tests/testdata/repo_02";
    private const string PrimaryHex = "bcde64b04916a2a72fdc257d61bc922c70b3d58e953499180585f7a360ce86cf";
    private const string PrimaryLocation = "repodata/" + PrimaryHex + "-primary.xml.gz";

    [Fact]
    public async Task Load_OverHttp_FillsCacheAndServesFromIt()
    {
        using var cacheDir = new TempDirectory();
        using var server = new TinyHttpServer(Fixtures.Path(Repo02));
        var options = new RepositoryLoadOptions { Cache = new RepositoryCache(cacheDir.FullPath), Filelists = true, Other = true };
        var ct = TestContext.Current.CancellationToken;

        var first = await RepositoryLoader.LoadAsync(new RepositoryDefinition("web", server.BaseUrl), options, ct);
        var second = await RepositoryLoader.LoadAsync(new RepositoryDefinition("web", server.BaseUrl), options, ct);

        Assert.Equal(["fake_bash", "super_kernel"], first.Packages.Select(p => p.Nevra.Name));
        Assert.Equal(first.Packages.Select(p => p.PkgId), second.Packages.Select(p => p.PkgId));
        Assert.Equal(1, server.Requests(PrimaryLocation));
        Assert.Equal(2, server.Requests("repodata/repomd.xml"));
        Assert.True(File.Exists(Path.Combine(cacheDir.FullPath, "sha256", PrimaryHex[..2], PrimaryHex)));
    }

    [Fact]
    public async Task Load_TransientFailures_AreRetried()
    {
        using var cacheDir = new TempDirectory();
        using var server = new TinyHttpServer(Fixtures.Path(Repo02));
        server.FailFirst(PrimaryLocation, 2);

        var repository = await RepositoryLoader.LoadAsync(new RepositoryDefinition("web", server.BaseUrl),
            new RepositoryLoadOptions { Cache = new RepositoryCache(cacheDir.FullPath) }, TestContext.Current.CancellationToken);

        Assert.Equal(2, repository.Packages.Count);
        Assert.Equal(3, server.Requests(PrimaryLocation));
    }

    [Fact]
    public async Task Load_CorruptCacheEntry_IsNotServedAndIsReplaced()
    {
        using var cacheDir = new TempDirectory();
        using var server = new TinyHttpServer(Fixtures.Path(Repo02));
        var cache = new RepositoryCache(cacheDir.FullPath);
        var entry = cache.PathOf(new Basalt.Repositories.Metadata.RepoChecksum("sha256", PrimaryHex));
        Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
        await File.WriteAllTextAsync(entry, "not the primary", TestContext.Current.CancellationToken);

        var repository = await RepositoryLoader.LoadAsync(new RepositoryDefinition("web", server.BaseUrl),
            new RepositoryLoadOptions { Cache = cache }, TestContext.Current.CancellationToken);

        Assert.Equal(2, repository.Packages.Count);
        Assert.Equal(1, server.Requests(PrimaryLocation));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Fixtures.Path(Repo02), PrimaryLocation)), File.ReadAllBytes(entry));
    }

    [Fact]
    public async Task Load_ServerSendsWrongBytes_FailsAndCachesNothing()
    {
        using var cacheDir = new TempDirectory();
        using var temp = new TempDirectory();
        var root = VerificationTests.CopyRepository(temp, Repo02);
        File.WriteAllBytes(Path.Combine(root, PrimaryLocation), new byte[973]);
        using var server = new TinyHttpServer(root);
        var cache = new RepositoryCache(cacheDir.FullPath);

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryLoader.LoadAsync(new RepositoryDefinition("web", server.BaseUrl),
            new RepositoryLoadOptions { Cache = cache }, TestContext.Current.CancellationToken));

        Assert.Contains($"sha256 checksum mismatch: expected {PrimaryHex}, actual ", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(cacheDir.FullPath, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Load_MissingRepository_FailsNamingTheUrl()
    {
        using var temp = new TempDirectory();
        using var server = new TinyHttpServer(temp.FullPath);

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryLoader.LoadAsync(new RepositoryDefinition("web", server.BaseUrl + "x/"),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"Repository 'web': '{server.BaseUrl}x/repodata/repomd.xml' does not exist.", ex.Message);
    }
}
