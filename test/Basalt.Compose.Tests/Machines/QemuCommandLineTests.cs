using Basalt.Compose.Machines;

namespace Basalt.Compose.Tests.Machines;

public sealed class QemuCommandLineTests
{
    private static readonly string[] Common = ["-accel", "tcg", "-nic", "none", "-no-reboot", "-nographic"];

    [Fact]
    public void Build_DirectKernel_PassesKernelInitrdAndCommandLine()
    {
        var options = new QemuOptions { ImagePath = "/images/disk.img", MemoryMiB = 512 };
        var args = QemuCommandLine.Build(options, "raw", new BootFiles("/tmp/x/linux", "/tmp/x/initrd", "console=ttyS0 quiet"), null);

        Assert.Equal([.. Common, "-machine", "q35", "-cpu", "max", "-m", "512", "-kernel", "/tmp/x/linux", "-initrd", "/tmp/x/initrd",
            "-append", "console=ttyS0 quiet", "-drive", "if=virtio,format=raw,snapshot=on,file=/images/disk.img"], args);
    }

    [Fact]
    public void Build_DirectKernelWithoutInitrd_LeavesInitrdOut()
    {
        var args = QemuCommandLine.Build(new QemuOptions { ImagePath = "/d.qcow2" }, "qcow2", new BootFiles("/k", null, ""), null);
        Assert.DoesNotContain("-initrd", args);
        Assert.Equal("if=virtio,format=qcow2,snapshot=on,file=/d.qcow2", args[^1]);
    }

    [Fact]
    public void Build_Uefi_UsesOvmfCodeReadOnlyAndVarsCopy()
    {
        var options = new QemuOptions { ImagePath = "/d.vhd", Firmware = FirmwareMode.Uefi };
        var args = QemuCommandLine.Build(options, "vpc", null, "/tmp/x/OVMF_VARS_4M.fd");

        Assert.Equal([.. Common, "-machine", "q35", "-cpu", "max", "-m", "1024",
            "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd",
            "-drive", "if=pflash,format=raw,unit=1,file=/tmp/x/OVMF_VARS_4M.fd",
            "-drive", "if=virtio,format=vpc,snapshot=on,file=/d.vhd"], args);
    }

    [Fact]
    public void Build_SecureBoot_UsesSmmSecureFlashAndSecbootCode()
    {
        var options = new QemuOptions { ImagePath = "/d.img", Firmware = FirmwareMode.SecureBoot, VarsTemplate = "/keys.fd" };
        var args = QemuCommandLine.Build(options, "raw", null, "/tmp/x/OVMF_VARS_4M.fd");

        Assert.Equal([.. Common, "-machine", "q35,smm=on", "-cpu", "max", "-m", "1024",
            "-global", "driver=cfi.pflash01,property=secure,value=on",
            "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd",
            "-drive", "if=pflash,format=raw,unit=1,file=/tmp/x/OVMF_VARS_4M.fd",
            "-drive", "if=virtio,format=raw,snapshot=on,file=/d.img"], args);
    }

    [Fact]
    public void Build_CommaInPath_IsDoubledForQemu()
    {
        var args = QemuCommandLine.Build(new QemuOptions { ImagePath = "/a,b.img" }, "raw", new BootFiles("/k", null, ""), null);
        Assert.Equal("if=virtio,format=raw,snapshot=on,file=/a,,b.img", args[^1]);
    }

    [Fact]
    public void Format_SpecialCharacters_AreSingleQuoted()
        => Assert.Equal("qemu-system-x86_64 -append 'console=ttyS0 x='\\''y'\\''' -m 1024",
            QemuCommandLine.Format("qemu-system-x86_64", ["-append", "console=ttyS0 x='y'", "-m", "1024"]));
}
