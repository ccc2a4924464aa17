using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Pe;

/// <summary>
/// The real EFI binaries the PE tests run on: Debian's systemd 252 UKI stub and boot loader (systemd-boot-efi), OVMF's
/// snakeoil Secure Boot key (ovmf), and Debian's cloud kernel fetched by scripts/fetch-boot-debs.sh.
/// </summary>
internal static class PeTestFiles
{
    public const string SnakeoilPassphrase = "snakeoil";

    private static readonly Lazy<string> KernelPath = new(ExtractKernel);

    public static string Stub => ExternalTool.Require("/usr/lib/systemd/boot/efi/linuxx64.efi.stub", "systemd-boot-efi");

    public static string BootLoader => ExternalTool.Require("/usr/lib/systemd/boot/efi/systemd-bootx64.efi", "systemd-boot-efi");

    public static string SnakeoilKey => ExternalTool.Require("/usr/share/ovmf/PkKek-1-snakeoil.key", "ovmf");

    public static string SnakeoilCertificate => ExternalTool.Require("/usr/share/ovmf/PkKek-1-snakeoil.pem", "ovmf");

    /// <summary>Debian's signed cloud kernel (a bzImage with an EFI stub and Debian's Authenticode signature).</summary>
    public static string Kernel
    {
        get
        {
            ExternalTool.Require("apt-get", "apt");
            ExternalTool.Require("dpkg-deb", "dpkg");
            return KernelPath.Value;
        }
    }

    /// <summary>A small stand-in kernel: deterministic bytes, not a multiple of any alignment.</summary>
    public static byte[] FakeKernel(int length = 70_001)
    {
        var data = new byte[length];
        new Random(7).NextBytes(data);
        return data;
    }

    /// <summary>A throwaway self-signed RSA certificate and key as PEM files: a signer that is not the snakeoil one.</summary>
    public static (string Certificate, string Key) WriteOtherKeyPair(TempDirectory temp)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Basalt Test Other", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var certificatePath = temp.Path("other.pem");
        var keyPath = temp.Path("other.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    private static string ExtractKernel()
    {
        var script = Path.Combine(Fixtures.RepoRoot, "scripts", "fetch-boot-debs.sh");
        var folder = ExternalTool.Run(script, []).EnsureSuccess("fetch-boot-debs.sh").StandardOutput.Trim();
        var deb = Directory.GetFiles(folder, "linux-image-*.deb").OrderBy(p => p, StringComparer.Ordinal).Last();
        var target = Path.Combine(Path.GetTempPath(), "basalt-pe-kernel-" + Path.GetFileNameWithoutExtension(deb));
        var done = Path.Combine(target, ".extracted");
        if (!File.Exists(done))
        {
            Directory.CreateDirectory(target);
            ExternalTool.Run("dpkg-deb", ["-x", deb, target]).EnsureSuccess("dpkg-deb -x");
            File.WriteAllText(done, deb);
        }

        return Directory.GetFiles(Path.Combine(target, "boot"), "vmlinuz-*").Single();
    }
}
