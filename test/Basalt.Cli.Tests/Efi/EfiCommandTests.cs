using System.Text;
using System.Text.Json;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Efi;

public sealed class EfiCommandTests
{
    private const string Stub = "/usr/lib/systemd/boot/efi/linuxx64.efi.stub";
    private const string BootLoader = "/usr/lib/systemd/boot/efi/systemd-bootx64.efi";
    private const string SnakeoilKey = "/usr/share/ovmf/PkKek-1-snakeoil.key";
    private const string SnakeoilCertificate = "/usr/share/ovmf/PkKek-1-snakeoil.pem";
    private const string CommandLine = "console=ttyS0 quiet";

    [Fact]
    public void Uki_ThenObjcopy_SectionsHoldExactlyTheInputs()
    {
        var objcopy = ExternalTool.Require("objcopy", "binutils");
        ExternalTool.Require(Stub, "systemd-boot-efi");
        using var temp = new TempDirectory("cli-efi");
        var inputs = WriteInputs(temp);

        var result = Cli.Run("efi", "uki", "--stub", Stub, "--linux", inputs.Kernel, "--initrd", inputs.Initrd, "--cmdline", CommandLine,
            "--os-release", inputs.OsRelease, "--uname", "6.1.0-test", "-o", temp.Path("uki.efi"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  .linux    rva 0x0001c000  size 50000", result.StandardOutput, StringComparison.Ordinal);
        var expected = new Dictionary<string, byte[]>
        {
            [".cmdline"] = Encoding.UTF8.GetBytes(CommandLine),
            [".osrel"] = File.ReadAllBytes(inputs.OsRelease),
            [".uname"] = "6.1.0-test"u8.ToArray(),
            [".initrd"] = File.ReadAllBytes(inputs.Initrd),
            [".linux"] = File.ReadAllBytes(inputs.Kernel),
        };
        foreach (var (name, bytes) in expected)
        {
            var extracted = temp.Path("section" + name);
            ExternalTool.Run(objcopy, ["-O", "binary", "--only-section=" + name, temp.Path("uki.efi"), extracted]).EnsureSuccess("objcopy");
            Assert.Equal(bytes, File.ReadAllBytes(extracted));
        }

        Assert.Empty(Directory.GetFiles(temp.FullPath, ".uki.efi.tmp-*"));
    }

    [Fact]
    public void SignThenInspect_Uki_ShowsSignerAndUkiText()
    {
        var sbverify = ExternalTool.Require("sbverify", "sbsigntool");
        ExternalTool.Require(SnakeoilKey, "ovmf");
        using var temp = new TempDirectory("cli-efi");
        var inputs = WriteInputs(temp);
        Assert.Equal(0, Cli.Run("efi", "uki", "--stub", Stub, "--linux", inputs.Kernel, "--cmdline", CommandLine,
            "--os-release", inputs.OsRelease, "-o", temp.Path("uki.efi")).ExitCode);

        var variable = "BASALT_TEST_EFI_PASSPHRASE_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "snakeoil");
        try
        {
            var sign = Cli.Run("efi", "sign", temp.Path("uki.efi"), "-o", temp.Path("signed.efi"), "--key", SnakeoilKey, "--cert", SnakeoilCertificate,
                "--passphrase-env", variable);
            Assert.Equal(0, sign.ExitCode);
            Assert.Contains("signer:       O=SnakeOil, L=Fort Collins, S=Colorado, C=US", sign.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.Equal(0, ExternalTool.Run(sbverify, ["--cert", SnakeoilCertificate, temp.Path("signed.efi")]).ExitCode);

        var text = Cli.Run("efi", "inspect", temp.Path("signed.efi"));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("machine:      x86-64\nsubsystem:    EFI application\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("signature:    signed by 'O=SnakeOil, L=Fort Collins, S=Colorado, C=US', valid\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(".cmdline:\n  console=ttyS0 quiet\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(".osrel:\n  ID=basalt\n  VERSION_ID=2\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(".uname:", text.StandardOutput, StringComparison.Ordinal);

        var json = Cli.Run("efi", "inspect", "--json", temp.Path("signed.efi"));
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.StandardOutput);
        var root = document.RootElement;
        Assert.Equal("x86-64", root.GetProperty("machine").GetString());
        Assert.Equal(CommandLine, root.GetProperty("uki").GetProperty("cmdline").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("uki").GetProperty("uname").ValueKind);
        Assert.Equal(11, root.GetProperty("sections").GetArrayLength());
        var signature = root.GetProperty("signature");
        Assert.True(signature.GetProperty("signatureValid").GetBoolean());
        Assert.True(signature.GetProperty("digestMatchesImage").GetBoolean());
        Assert.Equal(root.GetProperty("authenticodeSha256").GetString(), signature.GetProperty("digest").GetString());
    }

    [Fact]
    public void Sign_Twice_IdenticalFiles()
    {
        ExternalTool.Require(BootLoader, "systemd-boot-efi");
        ExternalTool.Require(SnakeoilKey, "ovmf");
        using var temp = new TempDirectory("cli-efi");
        var variable = "BASALT_TEST_EFI_PASSPHRASE_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "snakeoil");
        try
        {
            foreach (var name in new[] { "a.efi", "b.efi" })
            {
                Assert.Equal(0, Cli.Run("efi", "sign", BootLoader, "-o", temp.Path(name), "--key", SnakeoilKey, "--cert", SnakeoilCertificate,
                    "--passphrase-env", variable).ExitCode);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.Equal(File.ReadAllBytes(temp.Path("a.efi")), File.ReadAllBytes(temp.Path("b.efi")));
    }

    [Fact]
    public void Sign_EncryptedKeyWithoutPassphrase_ExitsBadInputNamingTheKey()
    {
        ExternalTool.Require(SnakeoilKey, "ovmf");
        using var temp = new TempDirectory("cli-efi");
        var result = Cli.Run("efi", "sign", BootLoader, "-o", temp.Path("out.efi"), "--key", SnakeoilKey, "--cert", SnakeoilCertificate);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"basalt: error: Key file '{SnakeoilKey}' is encrypted; give its passphrase.\n", result.StandardError);
        Assert.False(File.Exists(temp.Path("out.efi")));
    }

    [Fact]
    public void Inspect_NotAPeImage_ExitsBadInputWithOffset()
    {
        using var temp = new TempDirectory("cli-efi");
        File.WriteAllBytes(temp.Path("junk.bin"), new byte[200]);
        var result = Cli.Run("efi", "inspect", temp.Path("junk.bin"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"basalt: error: PE image '{temp.Path("junk.bin")}' has no 'MZ' signature: not a PE image (offset 0x0).\n", result.StandardError);
    }

    [Fact]
    public void Uki_StubIsAlreadyAUki_ExitsBadInputNamingTheStub()
    {
        ExternalTool.Require(Stub, "systemd-boot-efi");
        using var temp = new TempDirectory("cli-efi");
        var inputs = WriteInputs(temp);
        Assert.Equal(0, Cli.Run("efi", "uki", "--stub", Stub, "--linux", inputs.Kernel, "--cmdline", "x", "--os-release", inputs.OsRelease,
            "-o", temp.Path("uki.efi")).ExitCode);
        var result = Cli.Run("efi", "uki", "--stub", temp.Path("uki.efi"), "--linux", inputs.Kernel, "--cmdline", "x", "--os-release", inputs.OsRelease,
            "-o", temp.Path("again.efi"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"basalt: error: PE image '{temp.Path("uki.efi")}' already has a '.osrel' section: is it a UKI already?\n", result.StandardError);
    }

    private static (string Kernel, string Initrd, string OsRelease) WriteInputs(TempDirectory temp)
    {
        var kernel = new byte[50_000];
        new Random(3).NextBytes(kernel);
        File.WriteAllBytes(temp.Path("vmlinuz"), kernel);
        File.WriteAllBytes(temp.Path("initrd"), Encoding.ASCII.GetBytes(new string('i', 7000)));
        File.WriteAllText(temp.Path("os-release"), "ID=basalt\nVERSION_ID=2\n");
        return (temp.Path("vmlinuz"), temp.Path("initrd"), temp.Path("os-release"));
    }
}
