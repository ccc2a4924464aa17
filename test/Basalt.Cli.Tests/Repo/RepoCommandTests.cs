using System.Text.Json;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Repo;

public sealed class RepoCommandTests
{
    private static string CopyPackages(TempDirectory temp)
    {
        var folder = Directory.CreateDirectory(temp.Path("repo")).FullName;
        foreach (var file in Fixtures.Files("rpms/createrepo_c/tests/testdata/packages", "*.rpm"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    [Fact]
    public void Index_ThenInfo_ReportsPackagesAndVerifiedFiles()
    {
        using var temp = new TempDirectory();
        var folder = CopyPackages(temp);

        var index = Cli.Run("repo", "index", folder, "--compression", "gzip", "--revision", "7", "--timestamp", "1700000000");
        var info = Cli.Run("repo", "info", folder, "--json", "--filelists", "--other");

        Assert.Equal(0, index.ExitCode);
        Assert.Contains("revision 7", index.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, info.ExitCode);
        using var json = JsonDocument.Parse(info.StandardOutputBytes);
        Assert.Equal("7", json.RootElement.GetProperty("revision").GetString());
        Assert.Equal(12, json.RootElement.GetProperty("packages").GetInt32());
        Assert.Equal(["src", "x86_64"], json.RootElement.GetProperty("architectures").EnumerateArray().Select(a => a.GetString()));
        var files = json.RootElement.GetProperty("metadata").EnumerateArray().ToList();
        Assert.Equal(["primary", "filelists", "other"], files.Select(f => f.GetProperty("type").GetString()));
        Assert.All(files, f => Assert.True(f.GetProperty("verified").GetBoolean()));
        Assert.All(files, f => Assert.Equal("gzip", f.GetProperty("compression").GetString()));
    }

    [Fact]
    public void Info_Text_ListsEveryRecord()
    {
        var result = Cli.Run("repo", "info", Fixtures.Path("repodata/osbuild/head@f6b23db/test/data/testrepos/custom"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Packages     : 1", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("verified (zstd)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("not read", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_ChecksumMismatch_ExitsTwoNamingTheFile()
    {
        var result = Cli.Run("repo", "info", Fixtures.Path("repodata/createrepo_c/tests/testdata/repo_01"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("file 'repodata/6c662d665c24de9a0f62c17d8fa50622307739d7376f0d19097ca96c6d7f5e3e-primary.xml.gz': size mismatch: expected 782 bytes, actual 783 bytes.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_WrongSignature_ExitsTwo()
    {
        var tests = Fixtures.Path("repodata/libdnf/data/tests");

        var result = Cli.Run("repo", "info", Path.Combine(tests, "gpg-wrong-asc"), "--gpgkey", Path.Combine(tests, "gpgkey/signing_key.pub"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("repomd.xml.asc' is not an OpenPGP signature", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_BadCompression_ExitsTwo()
    {
        using var temp = new TempDirectory();

        var result = Cli.Run("repo", "index", temp.FullPath, "--compression", "lz4");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--compression \"lz4\" is not supported", result.StandardError, StringComparison.Ordinal);
    }
}
