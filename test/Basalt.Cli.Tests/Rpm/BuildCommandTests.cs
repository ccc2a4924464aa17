using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Rpm;

public sealed class BuildCommandTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(Path.Combine(Fixtures.RepoRoot, "samples", "packages")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Build_Sample_PrintsPathOfPackageRpmAccepts(string sample)
    {
        using var output = new TempDirectory();
        var manifest = Path.Combine(Fixtures.RepoRoot, "samples", "packages", sample, "package.yaml");

        var result = Cli.Run("rpm", "build", manifest, "-o", output.FullPath, "--source-date-epoch", "1700000000");

        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        var path = Assert.Single(Directory.GetFiles(output.FullPath));
        Assert.Equal(path + "\n", result.StandardOutput);
        Assert.StartsWith(sample + "-", Path.GetFileName(path), StringComparison.Ordinal);
        Assert.EndsWith(".noarch.rpm", path, StringComparison.Ordinal);
        var rpm = ExternalTool.Require("rpm", "rpm");
        var check = ExternalTool.Run(rpm, ["-K", path]);
        Assert.Equal($"{path}: digests OK\n", check.StandardOutput);
        var name = ExternalTool.Run(rpm, ["-qp", "--qf", "%{NAME} %{BUILDTIME}", path]).EnsureSuccess("rpm -qp").StandardOutput;
        Assert.Equal(sample + " 1700000000", name);
    }

    [Fact]
    public void Build_Gzip_WritesGzipPayloadReproducibly()
    {
        using var output = new TempDirectory();
        var manifest = Path.Combine(Fixtures.RepoRoot, "samples", "packages", "hello-sh", "package.yaml");

        var first = Cli.Run("rpm", "build", manifest, "-o", output.Path("a"), "--compression", "gzip", "--source-date-epoch", "1700000000");
        var second = Cli.Run("rpm", "build", manifest, "-o", output.Path("b"), "--compression", "gzip", "--source-date-epoch", "1700000000");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(File.ReadAllBytes(first.StandardOutput.TrimEnd('\n')), File.ReadAllBytes(second.StandardOutput.TrimEnd('\n')));
        var rpm = ExternalTool.Require("rpm", "rpm");
        var compressor = ExternalTool.Run(rpm, ["-qp", "--qf", "%{PAYLOADCOMPRESSOR} %{PAYLOADFLAGS}", first.StandardOutput.TrimEnd('\n')]).StandardOutput;
        Assert.Equal("gzip 9", compressor);
    }

    [Fact]
    public void Build_InvalidManifest_ExitsTwoListingErrorsAndWritesNothing()
    {
        using var directory = new TempDirectory();
        var manifest = directory.Path("package.yaml");
        File.WriteAllText(manifest, "version: \"1\"\nrelease: \"1\"\nsummary: s\ndescription: d\nlicense: MIT\nrequires: [\"a >\"]\n");

        var result = Cli.Run("rpm", "build", manifest, "-o", directory.Path("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"basalt: error: '{manifest}' is not a valid package manifest (2 errors):\n"
            + "  name: is required\n"
            + "  requires[0]: 'a >' is not 'name', 'name OP version' (OP one of < <= = >= >) or a rich dependency '(…)'\n",
            result.StandardError);
        Assert.False(Directory.Exists(directory.Path("out")) && Directory.EnumerateFileSystemEntries(directory.Path("out")).Any());
    }

    [Fact]
    public void Build_BadCompression_IsRejectedByParser()
    {
        var result = Cli.Run("rpm", "build", "package.yaml", "-o", "out", "--compression", "xz");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("xz", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SignKeyNotAKey_ExitsTwoNamingTheFile()
    {
        using var directory = new TempDirectory();
        var manifest = Path.Combine(Fixtures.RepoRoot, "samples", "packages", "basalt-motd", "package.yaml");
        var key = directory.Path("key.asc");
        File.WriteAllText(key, "not a key\n");

        var missing = Cli.Run("rpm", "build", manifest, "-o", directory.Path("out"), "--sign-key", directory.Path("nope.asc"));
        var invalid = Cli.Run("rpm", "build", manifest, "-o", directory.Path("out"), "--sign-key", key);

        Assert.Equal((2, $"basalt: error: The signing key '{directory.Path("nope.asc")}' does not exist.\n"), (missing.ExitCode, missing.StandardError));
        Assert.Equal(2, invalid.ExitCode);
        Assert.StartsWith($"basalt: error: '{key}' ", invalid.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory.Path("out")) && Directory.EnumerateFileSystemEntries(directory.Path("out")).Any());
    }
}
