using System.Text.Json;
using Basalt.EndToEnd.Tests.Build;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Boot;

/// <summary>
/// The bootable sample boots under QEMU (TCG): directly from the ESP's UKI, through OVMF and systemd-boot, under
/// Secure Boot when signed (and not when unsigned), from each disk format — and not at all once usr-A is tampered with.
/// A boot under TCG takes 10–30 s, so each case boots once.
/// </summary>
[Collection(BootableImageGroup.Name)]
public sealed class BootTests(BootableImageFixture image)
{
    private const string Marker = "basalt-boot-ok bootable-host 2026.11.0 usr=verity";

    [Fact]
    public void Raw_DirectKernelBoot_PrintsTheMarker() => AssertBoots(BootableImageFixture.Artifact(image.UnsignedBuild, ".raw"));

    [Fact]
    public void Raw_UefiSystemdBootUki_PrintsTheMarker() => AssertBoots(BootableImageFixture.Artifact(image.UnsignedBuild, ".raw"), "--uefi");

    [Fact]
    public void Vhd_DirectKernelBoot_PrintsTheMarker() => AssertBoots(BootableImageFixture.Artifact(image.UnsignedBuild, ".vhd"));

    [Fact]
    public void Qcow2_DirectKernelBoot_PrintsTheMarker() => AssertBoots(BootableImageFixture.Artifact(image.UnsignedBuild, ".qcow2"));

    [Fact]
    public void SignedRaw_SecureBootWithSnakeoilKeys_PrintsTheMarker() =>
        AssertBoots(BootableImageFixture.Artifact(image.SignedBuild, ".raw"), "--uefi", "--secure-boot", "--vars", "/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd");

    [Fact]
    public void UnsignedRaw_SecureBootWithSnakeoilKeys_IsRefused()
    {
        var result = Qemu(BootableImageFixture.Artifact(image.UnsignedBuild, ".raw"), "--uefi", "--secure-boot", "--vars", "/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd",
            "--expect", "Access Denied", "--timeout", "240");

        Assert.True(result.ExitCode == 0, Describe("the firmware to refuse the unsigned boot loader", result));
        Assert.DoesNotContain("basalt-boot-ok", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void SignedBuild_EfiBinaries_PassSbverifyWithTheSnakeoilCertificate()
    {
        var raw = BootableImageFixture.Artifact(image.SignedBuild, ".raw");
        var esp = DiskPartition.Read(raw)[0];
        Assert.Equal(DiskPartition.Esp, esp.Type);
        foreach (var file in new[] { "EFI/BOOT/BOOTX64.EFI", $"EFI/Linux/{BootableImageFixture.Prefix}.efi" })
        {
            var copy = image.Scratch(Path.GetFileName(file));
            ExternalTool.Run(ExternalTool.Require("mcopy", "mtools"), ["-n", "-i", $"{raw}@@{esp.Start * 512}", "::" + file, copy]).EnsureSuccess("mcopy " + file);
            var verify = ExternalTool.Run("sbverify", ["--cert", BootableImageFixture.SnakeoilCertificate, copy]);
            Assert.True(verify.ExitCode == 0, $"sbverify {file}: {verify.StandardOutput}{verify.StandardError}");
        }
    }

    [Fact]
    public void Report_BootSection_NamesKernelInitrdEntryAndSigner()
    {
        using var unsigned = JsonDocument.Parse(File.ReadAllBytes(BootableImageFixture.Artifact(image.UnsignedBuild, ".report.json")));
        using var signed = JsonDocument.Parse(File.ReadAllBytes(BootableImageFixture.Artifact(image.SignedBuild, ".report.json")));

        var boot = unsigned.RootElement.GetProperty("boot");
        Assert.StartsWith("6.1.0-", boot.GetProperty("kernelVersion").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("linux-image-cloud-amd64-", boot.GetProperty("kernelPackage").GetString(), StringComparison.Ordinal);
        Assert.Equal($"/EFI/Linux/{BootableImageFixture.Prefix}.efi", boot.GetProperty("entry").GetString());
        var modules = boot.GetProperty("modules").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.True(modules.IndexOf("dm_mod") < modules.IndexOf("dm_verity"), string.Join(' ', modules));
        Assert.Contains("erofs", modules);
        Assert.Equal(JsonValueKind.Null, boot.GetProperty("secureBootSigner").ValueKind);
        Assert.Equal(boot.GetProperty("initrdSha256").GetString(), signed.RootElement.GetProperty("boot").GetProperty("initrdSha256").GetString());
        Assert.Contains("SnakeOil", signed.RootElement.GetProperty("boot").GetProperty("secureBootSigner").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SignedBuild_RebuildCheck_IsByteIdentical()
    {
        // Kernel, initrd, UKI and both Authenticode signatures included: the signed build reproduces from its record.
        var result = BasaltProcess.Run(["rebuild", "--check", image.SignedBuild, "--secure-boot-key", BootableImageFixture.SnakeoilKey,
            "--secure-boot-cert", BootableImageFixture.SnakeoilCertificate, "--secure-boot-passphrase-env", "SNAKEOIL_PASSPHRASE"],
            new Dictionary<string, string> { ["SNAKEOIL_PASSPHRASE"] = "snakeoil" });

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.StandardOutput}{result.StandardError}");
        Assert.Contains("rebuild is byte-identical", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_OneByteChangedInUsrA_VerityStopsTheBoot()
    {
        var tampered = image.Scratch("tampered.raw");
        File.Copy(BootableImageFixture.Artifact(image.UnsignedBuild, ".raw"), tampered);
        var usr = DiskPartition.Read(tampered)[1];
        Assert.Equal(DiskPartition.UsrX64, usr.Type);

        // A byte of the EROFS superblock (block 0, offset 1024 + 40: the volume name): mounting must read it.
        Trust.ByteFlip.Flip(tampered, (usr.Start * 512) + 1024 + 40);
        var result = Qemu(tampered, "--expect", "basalt-boot-ok", "--timeout", "180");

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("basalt-boot-ok", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("basalt-boot-failed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches("device-mapper: verity: .*(data|metadata) block .* is corrupted", result.StandardOutput);
    }

    [Fact]
    public void TypeOneEntry_DirectKernelBoot_PrintsTheMarker()
    {
        // uki: false: the ESP holds the kernel, Basalt's initrd and a Boot Loader Specification entry instead of a UKI.
        var output = Build("uki-false", ("  uki: true\n", "  uki: false\n"));
        var raw = BootableImageFixture.Artifact(output, ".raw");

        AssertBoots(raw);
    }

    [Theory]
    [InlineData("no-kernel", "  kernel: linux-image-cloud-amd64\n", "  kernel: basalt-release\n",
        "basalt: error: boot.kernel: package 'basalt-release' has no /usr/lib/modules/VERSION/vmlinuz.")]
    [InlineData("no-module", "modules: [virtio_pci,", "modules: [no_such_module, virtio_pci,", "'no_such_module'")]
    public void Build_BadBootSection_ExitsTwoNamingTheProblem(string name, string find, string replace, string expected)
    {
        var result = BuildResult(name, (find, replace));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
    }

    private string Build(string name, params (string Find, string Replace)[] edits)
    {
        var result = BuildResult(name, edits);
        result.EnsureSuccess("basalt build " + name);
        return image.Scratch(name);
    }

    private ToolResult BuildResult(string name, params (string Find, string Replace)[] edits)
    {
        var text = File.ReadAllText(BootableImageFixture.Definition);
        foreach (var (find, replace) in edits)
        {
            Assert.Contains(find, text, StringComparison.Ordinal);
            text = text.Replace(find, replace, StringComparison.Ordinal);
        }

        var definition = image.Scratch(name + ".yaml");
        File.WriteAllText(definition, text);
        return BasaltProcess.Run(["build", definition, "-o", image.Scratch(name),
            "--repo", "basalt-samples=" + Path.Combine(image.UnsignedBuild, "repo"), "--lock", Path.Combine(image.UnsignedBuild, "basalt.lock")]);
    }

    private static void AssertBoots(string disk, params string[] options)
    {
        var result = Qemu(disk, [.. options, "--expect", Marker, "--timeout", "240"]);

        Assert.True(result.ExitCode == 0, Describe($"'{Marker}'", result));
        Assert.Contains(Marker, result.StandardOutput, StringComparison.Ordinal);
    }

    private static ToolResult Qemu(string disk, params string[] options) => BasaltProcess.Run(["qemu", disk, .. options]);

    private static string Describe(string expected, ToolResult result)
    {
        var output = result.StandardOutput;
        return $"expected {expected}; exit {result.ExitCode}; stderr: {result.StandardError}; last console output:\n{output[Math.Max(0, output.Length - 4000)..]}";
    }
}
