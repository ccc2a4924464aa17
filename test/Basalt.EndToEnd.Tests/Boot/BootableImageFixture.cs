using Basalt.EndToEnd.Tests.Build;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Boot;

/// <summary>
/// samples/bootable built once, as its README command does (Debian's kernel and userspace repackaged as RPMs, then
/// `basalt build`), and a second time from the same repository and lockfile with the boot chain signed with OVMF's
/// snakeoil Secure Boot key.
/// </summary>
public sealed class BootableImageFixture : IDisposable
{
    public const string Prefix = "bootable-host-2026.11.0";

    /// <summary>OVMF's test keys: the snakeoil certificate is enrolled in OVMF_VARS_4M.snakeoil.fd's db.</summary>
    public const string SnakeoilKey = "/usr/share/ovmf/PkKek-1-snakeoil.key";

    public const string SnakeoilCertificate = "/usr/share/ovmf/PkKek-1-snakeoil.pem";

    private readonly TempDirectory _root = new("basalt-bootable");

    public BootableImageFixture()
    {
        ExternalTool.Require("dpkg-deb", "dpkg");
        ExternalTool.Require("apt-get", "apt");
        ExternalTool.Require("qemu-system-x86_64", "qemu-system-x86");
        ExternalTool.Require("sbverify", "sbsigntool");
        if (!File.Exists(SnakeoilKey))
        {
            ExternalTool.Require("/usr/share/ovmf/PkKek-1-snakeoil.key", "ovmf");
        }

        UnsignedBuild = _root.Path("unsigned");
        BuildRun = ExternalTool.Run("sh", [Path.Combine(Fixtures.RepoRoot, "samples", "bootable", "build.sh"), UnsignedBuild],
            environment: new Dictionary<string, string> { ["BASALT"] = $"dotnet {BasaltProcess.Dll}" }, timeout: TimeSpan.FromMinutes(15));
        BuildRun.EnsureSuccess("samples/bootable/build.sh");

        SignedBuild = _root.Path("signed");
        BasaltProcess.Run(["build", Definition, "-o", SignedBuild, "--repo", "basalt-samples=" + Path.Combine(UnsignedBuild, "repo"),
                "--lock", Path.Combine(UnsignedBuild, "basalt.lock"),
                "--secure-boot-key", SnakeoilKey, "--secure-boot-cert", SnakeoilCertificate, "--secure-boot-passphrase-env", "SNAKEOIL_PASSPHRASE"],
                new Dictionary<string, string> { ["SNAKEOIL_PASSPHRASE"] = "snakeoil" })
            .EnsureSuccess("the Secure Boot signed build");
    }

    public static string Definition => Path.Combine(Fixtures.RepoRoot, "samples", "bootable", "image.yaml");

    public ToolResult BuildRun { get; }

    public string UnsignedBuild { get; }

    public string SignedBuild { get; }

    public static string Artifact(string folder, string extension) => Path.Combine(folder, Prefix + extension);

    public string Scratch(string name) => _root.Path("scratch-" + name);

    public void Dispose() => _root.Dispose();
}

[CollectionDefinition(Name)]
public sealed class BootableImageGroup : ICollectionFixture<BootableImageFixture>
{
    public const string Name = "bootable image";
}
