using Basalt.Repositories.Signing;
using Basalt.Repositories.Writing;
using Basalt.TestInfrastructure;

namespace Basalt.Repositories.Tests.Signing;

/// <summary>repomd.xml.asc written by <see cref="RepositoryIndexer"/> verifies with gpg and with our own verifier.</summary>
public sealed class RepoMdSignerTests
{
    [Fact]
    public async Task Index_WithSigningKey_WritesAscThatGpgAndLoaderVerify()
    {
        var gpg = ExternalTool.Require("gpg", "gnupg");
        using var temp = new TempDirectory();
        var home = Directory.CreateDirectory(temp.Path("gnupg")).FullName;
        ExternalTool.Run(gpg, ["--homedir", home, "--batch", "--passphrase", "", "--quick-gen-key", "Repo Test <repo@example.org>", "rsa2048", "sign", "never"]).EnsureSuccess("gpg --quick-gen-key");
        var secret = ExternalTool.Run(gpg, ["--homedir", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys"]).EnsureSuccess("gpg --export-secret-keys");
        var publicKey = ExternalTool.Run(gpg, ["--homedir", home, "--batch", "--armor", "--export"]).EnsureSuccess("gpg --export");
        File.WriteAllBytes(temp.Path("secret.asc"), secret.StandardOutputBytes);
        File.WriteAllBytes(temp.Path("public.asc"), publicKey.StandardOutputBytes);
        var folder = Writing.RepositoryIndexerTests.CopyPackages(temp, "repo", "rpms/createrepo_c/tests/testdata/packages");

        await RepositoryIndexer.IndexAsync(folder, new RepositoryIndexOptions { Timestamp = 1700000000, SigningKey = temp.Path("secret.asc") }, TestContext.Current.CancellationToken);
        var first = File.ReadAllBytes(Path.Combine(folder, "repodata/repomd.xml.asc"));
        await RepositoryIndexer.IndexAsync(folder, new RepositoryIndexOptions { Timestamp = 1700000000, SigningKey = temp.Path("secret.asc") }, TestContext.Current.CancellationToken);

        var verify = ExternalTool.Run(gpg, ["--homedir", home, "--batch", "--verify", Path.Combine(folder, "repodata/repomd.xml.asc"), Path.Combine(folder, "repodata/repomd.xml")]);
        Assert.True(verify.ExitCode == 0, verify.StandardError);
        Assert.Contains("Good signature from \"Repo Test <repo@example.org>\"", verify.StandardError, StringComparison.Ordinal);
        // RSA PKCS#1 v1.5 signatures are deterministic, and the creation time comes from the timestamp.
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(folder, "repodata/repomd.xml.asc")));
        var repository = await RepositoryLoader.LoadAsync(new RepositoryDefinition("signed", folder) { RepoGpgCheck = true, GpgKeys = [temp.Path("public.asc")] },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(repository.SigningKeyFingerprint);
        Assert.Equal(12, repository.Packages.Count);
    }
}
