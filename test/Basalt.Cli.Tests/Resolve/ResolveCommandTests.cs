using System.Text.Json;
using System.Text.RegularExpressions;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Resolve;

public sealed partial class ResolveCommandTests
{
    private const string BaseOs = "repodata/osbuild/cs9-baseos-2022@bc08eed/test/data/testrepos/baseos";
    private const string AppStream = "repodata/osbuild/head@f6b23db/test/data/testrepos/appstream";

    private static readonly string[] RealisticJob = ["bash", "systemd", "kernel", "openssh-server", "dnf", "sudo", "NetworkManager"];

    [Fact]
    public void Resolve_RealisticJobOnCentOsStream9_EqualsTestsolvTransaction()
    {
        var rpmmd2solv = ExternalTool.Require("rpmmd2solv", "libsolv-tools");
        var testsolv = ExternalTool.Require("testsolv", "libsolv-tools");
        using var temp = new TempDirectory();
        // The AppStream fixture's filelists was cut upstream to a stub, so both sides use primary only.
        var result = Cli.Run(["resolve", "--json", "--filelists", "never", "--repo", Fixtures.Path(BaseOs), "--repo", Fixtures.Path(AppStream), .. RealisticJob]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var document = JsonDocument.Parse(result.StandardOutputBytes);
        var ours = document.RootElement.GetProperty("packages").EnumerateArray()
            .Select(p => p.GetProperty("nevra").GetString()!).Order(StringComparer.Ordinal).ToArray();

        foreach (var (name, folder) in new[] { ("baseos", BaseOs), ("appstream", AppStream) })
        {
            var primary = Directory.GetFiles(Path.Combine(Fixtures.Path(folder), "repodata"), "*-primary.xml.gz").Single();
            ExternalTool.Shell($"zcat '{primary}' | '{rpmmd2solv}' > '{temp.Path(name + ".solv")}'").EnsureSuccess("rpmmd2solv");
        }

        File.WriteAllText(temp.Path("job.t"),
            "repo baseos 99 solv baseos.solv\nrepo appstream 99 solv appstream.solv\nsystem x86_64 rpm\n"
            + string.Concat(RealisticJob.Select(j => $"job install name {j}\n")));
        var reference = ExternalTool.Run(testsolv, ["-r", "job.t"], temp.FullPath).EnsureSuccess("testsolv");
        var theirs = TestsolvInstall().Matches(reference.StandardOutput)
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();

        Assert.True(theirs.Length > 100, reference.StandardOutput);
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Resolve_MissingPackage_ExitsOneWithExplanation()
    {
        var result = Cli.Run("resolve", "--filelists", "never", "--repo", Fixtures.Path(BaseOs), "no-such-package");
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("no-such-package", result.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("Problem: ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Table_ListsPackagesAndTotal()
    {
        var result = Cli.Run("resolve", "--filelists", "never", "--repo", Fixtures.Path(BaseOs), "bash");
        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Package", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("bash-5.1.8-2.el9.x86_64 ", StringComparison.Ordinal));
        Assert.Matches(@"^\d+ packages, [\d.]+ MiB to download\.$", lines[^1]);
    }

    [Fact]
    public void Resolve_WithLockfile_WritesItAndReproducesIt()
    {
        using var temp = new TempDirectory();
        var lockPath = temp.Path("basalt.lock");
        var first = Cli.Run("resolve", "--json", "--filelists", "never", "--repo", Fixtures.Path(BaseOs), "--lock", lockPath, "bash");
        Assert.True(first.ExitCode == 0, first.StandardError);
        var written = File.ReadAllBytes(lockPath);

        var second = Cli.Run("resolve", "--json", "--filelists", "never", "--repo", Fixtures.Path(BaseOs), "--lock", lockPath, "bash");
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Equal(written, File.ReadAllBytes(lockPath));
        Assert.Equal(first.StandardOutput, second.StandardOutput);
        using var document = JsonDocument.Parse(written);
        Assert.Contains(document.RootElement.GetProperty("packages").EnumerateArray(),
            p => p.GetProperty("nevra").GetString() == "bash-5.1.8-2.el9.x86_64");
    }

    [Fact]
    public void Resolve_RepositoryThatDoesNotExist_ExitsTwo()
    {
        using var temp = new TempDirectory();
        var result = Cli.Run("resolve", "--repo", temp.Path("missing"), "bash");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("basalt: error: ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BadOperator_ExitsTwoNamingTheArgument()
    {
        var result = Cli.Run("resolve", "--filelists", "never", "--repo", Fixtures.Path(BaseOs), "bash ~> 5");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("\"bash ~> 5\" has unknown operator \"~>\"", result.StandardError, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*install (\S+)@\S+$", RegexOptions.Multiline)]
    private static partial Regex TestsolvInstall();
}
