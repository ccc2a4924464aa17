using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.RpmDatabase;

/// <summary>Our database, read by the real rpm (4.18) with --root and --dbpath /usr/lib/sysimage/rpm.</summary>
public sealed class RpmDatabaseWriterRpmTests
{
    private const string QueryFormat =
        "%{NEVRA}|%{SUMMARY}|%{GROUP}|%{SIZE}|%{ARCHIVESIZE}|%{SIGSIZE}|%{SIGMD5}|%{SHA1HEADER}|%{SHA256HEADER}|" +
        "%{RSAHEADER:pgpsig}|%{DSAHEADER:pgpsig}|%{SIGPGP:pgpsig}|%{PAYLOADDIGEST}|%{FILESIGNATURELENGTH}\n" +
        "[%{FILENAMES} %{FILEDIGESTS} %{FILEMODES:perms} %{FILEUSERNAME} %{FILECAPS}\n]" +
        "[P %{PROVIDENEVRS}\n][R %{REQUIRENEVRS}\n][T %{TRIGGERNAME}\n][F %{FILESIGNATURES}\n]";

    [Fact]
    public async Task BuildAsync_FixturePackages_RpmListsExactlyTheNevras()
    {
        using var temp = new TempDirectory("rpmdb");
        await RpmDatabaseFixture.WriteIntoRootAsync(RpmDatabaseFixture.ReadHeaders(), temp.Path("root"), temp.FullPath);

        var result = RpmDatabaseFixture.Rpm(temp.Path("root"), "-qa", "--qf", "%{NEVRA}\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError); // a header whose digest did not verify would be reported here
        var expected = RpmDatabaseFixture.Files.Select(f => RpmDatabaseFixture.RpmQueryFile(f, "%{NEVRA}")).Select(r => r.StandardOutput).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Lines(result.StandardOutput).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_FixturePackages_QueryFormatEqualsPackageFile()
    {
        using var temp = new TempDirectory("rpmdb");
        var packages = RpmDatabaseFixture.ReadHeaders();
        await RpmDatabaseFixture.WriteIntoRootAsync(packages, temp.Path("root"), temp.FullPath);

        foreach (var (file, package) in RpmDatabaseFixture.Files.Zip(packages))
        {
            var name = package.Header.GetString(Basalt.Rpm.Format.RpmTag.Name)!;
            var installed = RpmDatabaseFixture.Rpm(temp.Path("root"), "-q", "--qf", QueryFormat, name).EnsureSuccess($"rpm -q {name}");
            var fromFile = RpmDatabaseFixture.RpmQueryFile(file, QueryFormat);
            Assert.Equal(fromFile.StandardOutput, installed.StandardOutput);
        }
    }

    [Fact]
    public async Task BuildAsync_FixturePackages_InstallTagsAreRecorded()
    {
        using var temp = new TempDirectory("rpmdb");
        await RpmDatabaseFixture.WriteIntoRootAsync(RpmDatabaseFixture.ReadHeaders(), temp.Path("root"), temp.FullPath);

        var result = RpmDatabaseFixture.Rpm(temp.Path("root"), "-q", "--qf", "%{INSTALLTIME} %{INSTALLTID} %{INSTALLCOLOR} [%{FILESTATES:fstate},]|%{INSTPREFIXES}\n", "hello", "rpm-scriptlets")
            .EnsureSuccess("rpm -q");

        Assert.Equal($"{RpmDatabaseFixture.InstallTime} {RpmDatabaseFixture.InstallTime} 3 normal,normal,normal,normal,normal,|/usr\n" +
                     $"{RpmDatabaseFixture.InstallTime} {RpmDatabaseFixture.InstallTime} 3 normal,|(none)\n", result.StandardOutput);
        var byTid = RpmDatabaseFixture.Rpm(temp.Path("root"), "-qa", "--qf", "%{NAME}\n", $"installtid={RpmDatabaseFixture.InstallTime}");
        Assert.Equal(RpmDatabaseFixture.PackagePaths.Length, Lines(byTid.StandardOutput).Length);
    }

    [Fact]
    public async Task BuildAsync_FixturePackages_RpmFindsFileOwnersAndCapabilities()
    {
        using var temp = new TempDirectory("rpmdb");
        var packages = RpmDatabaseFixture.ReadHeaders();
        await RpmDatabaseFixture.WriteIntoRootAsync(packages, temp.Path("root"), temp.FullPath);
        var checkedFiles = 0;

        foreach (var file in RpmDatabaseFixture.Files)
        {
            var nevra = RpmDatabaseFixture.RpmQueryFile(file, "%{NEVRA}").StandardOutput;
            foreach (var path in Lines(RpmDatabaseFixture.RpmQueryFile(file, "[%{FILENAMES}\n]").StandardOutput).Take(5))
            {
                var owner = RpmDatabaseFixture.Rpm(temp.Path("root"), "-qf", "--qf", "%{NEVRA}\n", path);
                Assert.True(owner.ExitCode == 0, $"rpm -qf '{path}': {owner.StandardOutput}{owner.StandardError}");
                Assert.Contains(nevra, Lines(owner.StandardOutput));
                checkedFiles++;
            }

            foreach (var capability in Lines(RpmDatabaseFixture.RpmQueryFile(file, "[%{PROVIDENAME}\n]").StandardOutput))
            {
                var provider = RpmDatabaseFixture.Rpm(temp.Path("root"), "-q", "--qf", "%{NEVRA}\n", "--whatprovides", capability);
                Assert.True(provider.ExitCode == 0, $"rpm -q --whatprovides '{capability}': {provider.StandardError}");
                Assert.Contains(nevra, Lines(provider.StandardOutput));
            }
        }

        Assert.True(checkedFiles > 30, $"only {checkedFiles} files checked");
        var requirers = RpmDatabaseFixture.Rpm(temp.Path("root"), "-q", "--qf", "%{NAME}\n", "--whatrequires", "/usr/bin/perl").EnsureSuccess("--whatrequires");
        Assert.Equal(["monkeysphere"], Lines(requirers.StandardOutput));
        var notOwned = RpmDatabaseFixture.Rpm(temp.Path("root"), "-qf", "/etc/not-owned-by-anything");
        Assert.Equal(1, notOwned.ExitCode);
    }

    [Fact]
    public async Task BuildAsync_ReadOnlyRootAsUnprivilegedUser_RpmStillReadsIt()
    {
        using var temp = new TempDirectory("rpmdb");
        await RpmDatabaseFixture.WriteIntoRootAsync(RpmDatabaseFixture.ReadHeaders(), temp.Path("root"), temp.FullPath);
        var rpm = ExternalTool.Require("rpm", "rpm");
        try
        {
            ExternalTool.Run("chmod", ["-R", "a-w", temp.Path("root")]).EnsureSuccess("chmod");
            // As root, drop to nobody so the read-only modes are enforced; otherwise we already are unprivileged.
            string[] prefix = Environment.UserName == "root" && ExternalTool.Find("setpriv") is { } setpriv
                ? [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", rpm]
                : [rpm];
            var result = ExternalTool.Run(prefix[0], [.. prefix[1..], "--root", temp.Path("root"), "--dbpath", RpmDatabaseFixture.DbPath, "-qa", "--qf", "%{NAME}\n"]);

            Assert.Equal("", result.StandardError);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(RpmDatabaseFixture.PackagePaths.Length, Lines(result.StandardOutput).Length);
            Assert.Equal(["rpmdb.sqlite"], Directory.GetFiles(temp.Path("root", "usr/lib/sysimage/rpm")).Select(Path.GetFileName));
        }
        finally
        {
            ExternalTool.Run("chmod", ["-R", "u+w", temp.Path("root")]);
        }
    }

    [Fact]
    public async Task BuildAsync_FixturePackages_RpmVerifiesAndRebuildsTheDatabase()
    {
        using var temp = new TempDirectory("rpmdb");
        await RpmDatabaseFixture.WriteIntoRootAsync(RpmDatabaseFixture.ReadHeaders(), temp.Path("root"), temp.FullPath);
        var root = temp.Path("root");
        var before = RpmDatabaseFixture.Rpm(root, "-qa", "--qf", "%{NEVRA} %{SHA256HEADER}\n").EnsureSuccess("rpm -qa");

        var verifyDb = RpmDatabaseFixture.Rpm(root, "--verifydb");
        Assert.Equal(0, verifyDb.ExitCode);
        Assert.Equal("", verifyDb.StandardError);
        // Files are not unpacked here and dependencies are not all present, so verify only what the headers carry.
        var verify = RpmDatabaseFixture.Rpm(root, "-Va", "--nofiles", "--nodeps", "--noscripts");
        Assert.Equal("", verify.StandardOutput + verify.StandardError);
        Assert.Equal(0, verify.ExitCode);

        var rebuild = RpmDatabaseFixture.Rpm(root, "--rebuilddb");
        Assert.Equal("", rebuild.StandardError);
        Assert.Equal(0, rebuild.ExitCode);
        var after = RpmDatabaseFixture.Rpm(root, "-qa", "--qf", "%{NEVRA} %{SHA256HEADER}\n").EnsureSuccess("rpm -qa after --rebuilddb");
        Assert.Equal(Lines(before.StandardOutput).Order(StringComparer.Ordinal), Lines(after.StandardOutput).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// All 378 fixture packages (v3 to v6 formats, many rpm versions). rpm checks every header it reads from the
    /// database; the only ones it may skip are those whose signature its own crypto cannot check (Debian's rpm
    /// 4.18 rejects the ECDSA-signed fixture the same way when rpm itself installed it) — never for a digest.
    /// </summary>
    [Fact]
    public async Task BuildAsync_EveryFixturePackage_RpmReadsEveryHeaderItCanVerify()
    {
        using var temp = new TempDirectory("rpmdb");
        var files = RpmDatabaseFixture.EveryBinaryPackage();
        await RpmDatabaseFixture.WriteIntoRootAsync(files.Select(Basalt.Rpm.Format.RpmPackageHeaders.Read).ToList(), temp.Path("root"), temp.FullPath);

        var result = RpmDatabaseFixture.Rpm(temp.Path("root"), "-qa", "--qf", "%{NEVRA}\n");

        var skipped = result.StandardError.Split("skipping h#").Skip(1).ToList();
        Assert.True(files.Count > 300, $"only {files.Count} fixtures");
        Assert.Equal(files.Count, Lines(result.StandardOutput).Length + skipped.Count);
        Assert.True(skipped.Count <= 2, result.StandardError);
        Assert.All(skipped, reason => Assert.Contains("signature: BAD", reason, StringComparison.Ordinal));
        Assert.All(skipped, reason => Assert.DoesNotContain("digest: BAD", reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_NoPackages_RpmReadsAnEmptyDatabase()
    {
        using var temp = new TempDirectory("rpmdb");
        await RpmDatabaseFixture.WriteIntoRootAsync([], temp.Path("root"), temp.FullPath);

        var result = RpmDatabaseFixture.Rpm(temp.Path("root"), "-qa");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardOutput + result.StandardError);
        Assert.Equal(1, RpmDatabaseFixture.Rpm(temp.Path("root"), "-q", "bash").ExitCode);
    }

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
