using Basalt.TestInfrastructure;

namespace Basalt.Repositories.Tests.Signing;

/// <summary>libdnf's repo_gpgcheck fixtures: a good repomd.xml.asc, a wrong one, and none.</summary>
public sealed class RepoMdSignatureTests
{
    private const string Tests = "repodata/libdnf/data/tests";

    private static RepositoryDefinition Definition(string folder) => new(folder, Fixtures.Path($"{Tests}/{folder}"))
    {
        RepoGpgCheck = true,
        GpgKeys = [Fixtures.Path($"{Tests}/gpgkey/signing_key.pub")],
    };

    [Fact]
    public async Task ReadRepoMd_GoodSignature_ReturnsSigningKey()
    {
        var definition = Definition("gpg-asc");

        var (repoMd, key) = await RepositoryLoader.ReadRepoMdAsync(definition, Basalt.Repositories.Sources.RepositorySource.Create(definition.Location), TestContext.Current.CancellationToken);

        Assert.Equal("4748DF3ADCBA96A4EB4234B819489D8145A37EDE", key);
        Assert.Equal("1257930816", repoMd.Revision);
    }

    [Fact]
    public async Task ReadRepoMd_WrongAsc_FailsNamingTheFile()
    {
        var definition = Definition("gpg-wrong-asc");

        var ex = await Assert.ThrowsAsync<RepositoryException>(() =>
            RepositoryLoader.ReadRepoMdAsync(definition, Basalt.Repositories.Sources.RepositorySource.Create(definition.Location), TestContext.Current.CancellationToken));

        Assert.StartsWith($"Repository 'gpg-wrong-asc': '{Fixtures.Path($"{Tests}/gpg-wrong-asc")}/repodata/repomd.xml.asc'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("repomd.xml.asc' is not an OpenPGP signature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRepoMd_NoAsc_FailsNamingTheMissingFile()
    {
        var definition = Definition("gpg-no-asc");

        var ex = await Assert.ThrowsAsync<RepositoryException>(() =>
            RepositoryLoader.ReadRepoMdAsync(definition, Basalt.Repositories.Sources.RepositorySource.Create(definition.Location), TestContext.Current.CancellationToken));

        Assert.Contains("repo_gpgcheck is on but '", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gpg-no-asc/repodata/repomd.xml.asc' does not exist.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRepoMd_TamperedRepoMd_FailsAsBadSignature()
    {
        using var temp = new TempDirectory();
        var repodata = Directory.CreateDirectory(temp.Path("repodata")).FullName;
        var source = Fixtures.Path($"{Tests}/gpg-asc/repodata");
        File.Copy(Path.Combine(source, "repomd.xml.asc"), Path.Combine(repodata, "repomd.xml.asc"));
        File.WriteAllText(Path.Combine(repodata, "repomd.xml"), File.ReadAllText(Path.Combine(source, "repomd.xml")).Replace("1257930816", "1257930817", StringComparison.Ordinal));
        var definition = Definition("gpg-asc") with { Location = temp.FullPath };

        var ex = await Assert.ThrowsAsync<RepositoryException>(() =>
            RepositoryLoader.ReadRepoMdAsync(definition, Basalt.Repositories.Sources.RepositorySource.Create(definition.Location), TestContext.Current.CancellationToken));

        Assert.Contains("repomd.xml signature does not verify: BAD signature from key 19489D8145A37EDE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRepoMd_KeyringWithoutTheKey_FailsNamingTheKeyId()
    {
        var definition = Definition("gpg-asc") with { GpgKeys = [Fixtures.Path("rpms/rpm-rs/tests/assets/signing_keys/v4/rpm-testkey-v4-rsa4096.asc")] };
        Assert.SkipUnless(File.Exists(definition.GpgKeys[0]), "rpm-rs v4 RSA key fixture not present");

        var ex = await Assert.ThrowsAsync<RepositoryException>(() =>
            RepositoryLoader.ReadRepoMdAsync(definition, Basalt.Repositories.Sources.RepositorySource.Create(definition.Location), TestContext.Current.CancellationToken));

        Assert.Contains("made by key 19489D8145A37EDE, which is not in the keyring", ex.Message, StringComparison.Ordinal);
    }
}
