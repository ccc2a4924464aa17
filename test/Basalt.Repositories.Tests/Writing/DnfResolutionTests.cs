using Basalt.Repositories.Writing;
using Basalt.TestInfrastructure;

namespace Basalt.Repositories.Tests.Writing;

/// <summary>dnf reads our metadata and resolves exactly as it does against createrepo_c's for the same folder.</summary>
public sealed class DnfResolutionTests
{
    private static string Dnf(TempDirectory home, string repo, string run, params string[] packages)
    {
        var cache = home.Path("cache-" + run);
        File.WriteAllText(home.Path(".rpmmacros"), $"%_dbpath {home.Path("rpmdb")}\n");
        var result = ExternalTool.Run("dnf",
            ["--installroot=" + home.Path("root-" + run), "--releasever=1", "--disablerepo=*", "--repofrompath=local," + repo,
             "--setopt=local.gpgcheck=0", "--setopt=cachedir=" + cache, "--setopt=install_weak_deps=True", "-y", "--assumeno", "install", .. packages],
            environment: new Dictionary<string, string> { ["HOME"] = home.FullPath }, timeout: TimeSpan.FromMinutes(3));
        // Keep the transaction and problem lines; drop timing and progress lines that differ between runs.
        var lines = (result.StandardOutput + result.StandardError).Split('\n')
            .Where(l => !l.Contains("metadata expiration", StringComparison.Ordinal) && !l.Contains("kB/s", StringComparison.Ordinal)
                && !l.Contains("MB/s", StringComparison.Ordinal) && !l.StartsWith("local ", StringComparison.Ordinal) && !l.StartsWith("Added local repo", StringComparison.Ordinal));
        return $"exit {result.ExitCode}\n" + string.Join('\n', lines);
    }

    [Theory]
    [InlineData("fake_bash")]
    [InlineData("super_kernel")]
    [InlineData("Rimmer")]
    [InlineData("Archer")]
    [InlineData("balicek-utf8")]
    [InlineData("rpm-rich-deps")]
    [InlineData("rpm-scriptlets")]
    [InlineData("rpm-basic")]
    public async Task Install_OurMetadata_ResolvesLikeCreaterepo(string package)
    {
        ExternalTool.Require("dnf", "dnf");
        var createrepo = ExternalTool.Require("createrepo_c", "createrepo-c");
        using var temp = new TempDirectory();
        var folder = RepositoryIndexerTests.CopyPackages(temp, "repo", "rpms/createrepo_c/tests/testdata/packages", "rpms/rpm-rs/tests/assets/RPMS/v6");

        ExternalTool.Run(createrepo, ["--revision", "1", "--set-timestamp-to-revision", "--no-database", folder]).EnsureSuccess("createrepo_c");
        var expected = Dnf(temp, folder, "theirs", package);
        await RepositoryIndexer.IndexAsync(folder, new RepositoryIndexOptions { Timestamp = 1 }, TestContext.Current.CancellationToken);
        var actual = Dnf(temp, folder, "ours", package);

        Assert.Equal(expected, actual);
        Assert.Contains(package, actual, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to", actual, StringComparison.Ordinal);
        Assert.True(actual.Contains("Installing:", StringComparison.Ordinal) || actual.Contains("nothing provides", StringComparison.Ordinal), actual);
    }
}
