using System.Text;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Fat;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Qemu;

/// <summary>The command line for each mode (--print-command, no qemu needed) and the errors, which exit 2 without a stack trace.</summary>
public sealed class QemuCommandTests
{
    private static string Disk(TempDirectory temp, string entry = "linux /k/linux\ninitrd /k/initrd\noptions console=ttyS0 ro\n")
    {
        var esp = new FileTree { DefaultTimestamp = new FileTimestamp(1_700_000_000) };
        esp.AddFile("/loader/entries/basalt.conf", Encoding.UTF8.GetBytes(entry));
        esp.AddFile("/k/linux", new byte[1000]);
        esp.AddFile("/k/initrd", new byte[100]);
        var fat = temp.Path("esp.fat");
        FatWriter.WriteAsync(esp, fat, new FatOptions { SizeBytes = 40L * 1024 * 1024 }, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        var path = temp.Path("disk.img");
        new DiskImageBuilder(Guid.Empty)
            .Add(new DiskPartitionSpec("esp", GptPartitionTypes.Esp, new Guid("0b5a1700-0000-4000-8000-000000000002"), 0, PartitionContent.FromFile(fat)))
            .WriteAsync(path, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return path;
    }

    [Fact]
    public void Qemu_PrintCommandDirect_PrintsKernelBootCommand()
    {
        using var temp = new TempDirectory();
        var disk = Disk(temp);
        var result = Cli.Run("qemu", disk, "--print-command", "--memory", "512");

        Assert.Equal(0, result.ExitCode);
        var line = result.StandardOutput.TrimEnd('\n');
        Assert.Matches(@"^qemu-system-x86_64 -accel tcg -nic none -no-reboot -nographic -machine q35 -cpu max -m 512 -kernel /\S+/basalt-qemu-\w+/linux -initrd /\S+/initrd -append 'console=ttyS0 ro' -drive if=virtio,format=raw,snapshot=on,file=\S+$", line);
        Assert.EndsWith("file=" + disk, line, StringComparison.Ordinal);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public void Qemu_PrintCommandUefi_UsesOvmfAndNoKernel()
    {
        using var temp = new TempDirectory();
        var result = Cli.Run("qemu", Disk(temp), "--uefi", "--print-command");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(" -drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd -drive if=pflash,format=raw,unit=1,file=", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("-kernel", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("smm", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Qemu_PrintCommandSecureBoot_UsesSecbootCodeSmmAndSecureFlash()
    {
        using var temp = new TempDirectory();
        var result = Cli.Run("qemu", Disk(temp), "--secure-boot", "--vars", "/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd", "--print-command");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(" -machine q35,smm=on ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(" -global driver=cfi.pflash01,property=secure,value=on ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd ", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Qemu_NoConsoleArgument_WarnsOnStderr()
    {
        using var temp = new TempDirectory();
        var result = Cli.Run("qemu", Disk(temp, "linux /k/linux\noptions quiet\n"), "--print-command");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("basalt: note: the command line of '/loader/entries/basalt.conf' has no console= argument; the serial console may stay silent.\n", result.StandardError);
    }

    [Fact]
    public void Qemu_MissingImage_ExitsTwoNamingFile()
    {
        var result = Cli.Run("qemu", "/nonexistent/disk.img", "--print-command");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("basalt: error: Disk image '/nonexistent/disk.img' does not exist.\n", result.StandardError);
    }

    [Fact]
    public void Qemu_ImageWithoutGpt_ExitsTwoNamingFile()
    {
        using var temp = new TempDirectory();
        var path = temp.Path("blank.img");
        File.WriteAllBytes(path, new byte[1024 * 1024]);
        var result = Cli.Run("qemu", path, "--print-command");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"basalt: error: '{path}' has no GPT partition table, so no EFI System Partition to boot from.\n", result.StandardError);
    }

    [Fact]
    public void Qemu_EspWithoutKernel_ExitsTwoNamingFile()
    {
        using var temp = new TempDirectory();
        var disk = Disk(temp, "title no kernel\n");
        var result = Cli.Run("qemu", disk, "--print-command");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"basalt: error: '{disk}' partition 1 (ESP) holds no kernel to boot", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--secure-boot", "Secure Boot needs a UEFI variable store with enrolled keys (--vars FILE)")]
    [InlineData("--vars=/x.fd", "--vars needs --uefi or --secure-boot")]
    [InlineData("--timeout=0", "--timeout must be positive (got 0)")]
    public void Qemu_BadOptions_ExitTwo(string option, string message)
    {
        using var temp = new TempDirectory();
        var result = Cli.Run("qemu", Disk(temp), option, "--print-command");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("basalt: error: " + message, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Qemu_InvalidRegex_ExitsTwo()
    {
        using var temp = new TempDirectory();
        var result = Cli.Run("qemu", Disk(temp), "--expect", "(unclosed", "--print-command");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("basalt: error: Invalid pattern '(unclosed'", result.StandardError, StringComparison.Ordinal);
    }
}
