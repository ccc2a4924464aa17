using System.Text.Json;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Build;

/// <summary>
/// An image from someone else's repository: libdnf's Fedora 26 base-runtime test repository (real rpm-md metadata
/// written by createrepo, real RPMs with Fedora's dependencies), built and read back with the reference tools.
/// </summary>
public sealed class FixtureRepositoryBuildTests
{
    private const string Repository = "repodata/libdnf/data/tests/modules/modules/base-runtime-f26-1/x86_64";

    [Fact]
    public void Build_FedoraBaseRuntime_DiskVerifiesAndRpmListsTheResolvedPackages()
    {
        using var work = new TempDirectory();
        var definition = work.Path("image.yaml");
        File.WriteAllText(definition, $"""
            name: base-runtime
            version: 26.1.0
            arch: x86_64
            repositories:
              - id: f26
                path: {Fixtures.Path(Repository)}
                gpgcheck: false
            packages:
              install: [bash, systemd, kernel]
            disk:
              ab: false
              partitions:
                esp: 64M
                usr: 64M
            outputs: [raw, cosi]
            reproducibility:
              source_date_epoch: 1700000000
            """);

        var build = BasaltProcess.Run(["build", definition, "-o", work.Path("out"), "--json", "--cache", work.Path("cache")]);
        Assert.True(build.ExitCode == 0, build.StandardError);
        using var report = JsonDocument.Parse(build.StandardOutputBytes);
        var raw = work.Path("out", "base-runtime-26.1.0.raw");

        Assert.Contains("No problems found.", ExternalTool.Run(ExternalTool.Require("sgdisk", "gdisk"), ["-v", raw]).StandardOutput, StringComparison.Ordinal);
        var usr = DiskPartition.Read(raw).First(p => p.Type == DiskPartition.UsrX64);
        usr.CopyTo(raw, work.Path("usr.erofs"));
        var root = work.Path("root");
        Directory.CreateDirectory(root);
        ExternalTool.Run(ExternalTool.Require("fsck.erofs", "erofs-utils"), ["--extract=" + Path.Combine(root, "usr"), work.Path("usr.erofs")])
            .EnsureSuccess("fsck.erofs --extract");
        var rpm = ExternalTool.Run(ExternalTool.Require("rpm", "rpm"), ["--root", root, "--dbpath", "/usr/lib/sysimage/rpm", "-qa", "--qf", "%{NEVRA}\n"])
            .EnsureSuccess("rpm -qa");
        var resolved = report.RootElement.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("nevra").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(resolved, rpm.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.Contains("bash-4.4.12-2.x86_64", resolved);
        Assert.Contains("systemd-233-3.x86_64", resolved);
        Assert.Contains("kernel-4.11.0-1.x86_64", resolved);
    }
}
