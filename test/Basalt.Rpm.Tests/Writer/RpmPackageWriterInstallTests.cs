using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Writer;

/// <summary>Packages Basalt writes, installed by the real rpm into a temporary root and verified with rpm -V.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RpmPackageWriterInstallTests
{
    [Fact]
    public void Install_FullManifest_RpmInstallsFilesModesLinksAndVerifies()
    {
        // An empty root has no "adm" group; rpm would install the file as root and then rpm -V would flag it.
        using var package = new TestPackage(TestPackage.FullManifest.Replace("group: adm", "group: root", StringComparison.Ordinal));
        var path = package.Build();
        var root = package.Path("installroot");
        Directory.CreateDirectory(root);

        TestPackage.Rpm("--root", root, "--dbpath", "/var/lib/rpm", "--initdb");
        TestPackage.Rpm("--root", root, "--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--noscripts", path);
        var verify = ExternalTool.Run(ExternalTool.Require("rpm", "rpm"), ["--root", root, "--dbpath", "/var/lib/rpm", "-V", "--nodeps", "hello-sh"]);

        Assert.Equal("", verify.StandardOutput);
        Assert.Equal(0, verify.ExitCode);
        Assert.Equal("#!/bin/sh\necho hello\n", File.ReadAllText(Path.Combine(root, "usr/bin/hello")));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(root, "usr/bin/hello")));
        Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(Path.Combine(root, "etc/hello.conf")));
        Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(Path.Combine(root, "var/lib/hello")));
        Assert.Equal("hello", new FileInfo(Path.Combine(root, "usr/bin/hi")).LinkTarget);
        Assert.False(File.Exists(Path.Combine(root, "var/log/hello.log")));
        Assert.Equal(
            new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero),
            new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(root, "usr/share/hello/greeting"))));
        var links = ExternalTool.Run("stat", ["-c", "%i %h", Path.Combine(root, "usr/share/hello/greeting"), Path.Combine(root, "usr/share/hello/greeting-copy")])
            .EnsureSuccess("stat").StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(links[0], links[1]);
        Assert.EndsWith(" 2", links[0], StringComparison.Ordinal);
    }
}
