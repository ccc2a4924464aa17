using System.Text;
using Basalt.Compose.Machines;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Pe;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Machines;

public sealed class EspBootLoaderTests
{
    private const string StubPath = "/usr/lib/systemd/boot/efi/linuxx64.efi.stub";

    private static void AddEntry(Imaging.Tree.FileTree esp, string name, string text) => esp.AddFile("/loader/entries/" + name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Extract_Type1Default_WritesKernelAndConcatenatedInitrds()
    {
        using var temp = new TempDirectory();
        var esp = TestDisks.Esp();
        esp.AddFile("/loader/loader.conf", "default basalt-*\ntimeout 0\n"u8.ToArray());
        AddEntry(esp, "aaa-9.conf", "sort-key aaa\nversion 9\nlinux /aaa/linux\noptions other\n");
        AddEntry(esp, "basalt-1.conf", "sort-key basalt\nversion 1\nlinux /basalt/1/linux\noptions old\n");
        AddEntry(esp, "basalt-2.conf", "sort-key basalt\nversion 2\nlinux /basalt/2/linux\ninitrd /basalt/2/a\ninitrd /basalt/2/b\noptions console=ttyS0 ro\n");
        var kernel = TestDisks.Bytes(70_001, 1);
        esp.AddFile("/basalt/2/linux", kernel);
        esp.AddFile("/basalt/2/a", "ABCDE"u8.ToArray());
        esp.AddFile("/basalt/2/b", "FGH"u8.ToArray());
        var disk = await TestDisks.WriteAsync(temp, esp);

        using var image = MachineImage.Open(disk);
        var reader = image.OpenEsp();
        var plan = EspBootLoader.Plan(reader);
        var files = EspBootLoader.Extract(reader, plan, temp.FullPath, TestContext.Current.CancellationToken);

        Assert.Equal("raw", image.QemuFormat);
        Assert.Equal("basalt-2.conf", plan.Entry.Id);
        Assert.Equal("console=ttyS0 ro", files.CommandLine);
        Assert.Equal(kernel, File.ReadAllBytes(files.KernelPath));
        Assert.Equal("ABCDE\0\0\0FGH\0"u8.ToArray(), File.ReadAllBytes(files.InitrdPath!));
    }

    [Fact]
    public async Task Extract_UnifiedKernelImage_TakesPeSections()
    {
        var stub = ExternalTool.Require(StubPath, "systemd-boot-efi");
        using var temp = new TempDirectory();
        var kernel = TestDisks.Bytes(70_001, 2);
        var initrd = TestDisks.Bytes(30_000, 3);
        var uki = UkiBuilder.Build(File.ReadAllBytes(stub), new UkiSections
        {
            Linux = kernel,
            Initrd = initrd,
            CommandLine = "console=ttyS0 usrhash=abc",
            OsRelease = "ID=basalt\nVERSION_ID=2\nPRETTY_NAME=\"Basalt 2\"\n",
        });
        var esp = TestDisks.Esp();
        esp.AddFile("/EFI/Linux/basalt-2.efi", uki);
        esp.AddFile("/EFI/Linux/not-a-pe.efi", "text"u8.ToArray());
        var disk = await TestDisks.WriteAsync(temp, esp);

        using var image = MachineImage.Open(disk);
        var reader = image.OpenEsp();
        var plan = EspBootLoader.Plan(reader);
        var files = EspBootLoader.Extract(reader, plan, temp.FullPath, TestContext.Current.CancellationToken);

        Assert.Equal(BootEntryKind.UnifiedKernelImage, plan.Entry.Kind);
        Assert.Equal("Basalt 2", plan.Entry.Title);
        Assert.Equal("console=ttyS0 usrhash=abc", files.CommandLine);
        Assert.Equal(kernel, File.ReadAllBytes(files.KernelPath));
        Assert.Equal(initrd, File.ReadAllBytes(files.InitrdPath!));
    }

    [Fact]
    public async Task Plan_NoEntries_ThrowsNamingEsp()
    {
        using var temp = new TempDirectory();
        var esp = TestDisks.Esp();
        esp.AddFile("/loader/loader.conf", "timeout 0\n"u8.ToArray());
        AddEntry(esp, "efi-only.conf", "efi /EFI/tool.efi\n");
        var disk = await TestDisks.WriteAsync(temp, esp);

        using var image = MachineImage.Open(disk);
        var error = Assert.Throws<InvalidDataException>(() => EspBootLoader.Plan(image.OpenEsp()));
        Assert.Equal($"'{disk}' partition 1 (ESP) holds no kernel to boot: no entry in /loader/entries/*.conf with a 'linux' key and no Unified Kernel Image in /EFI/Linux/*.efi.", error.Message);
    }

    [Fact]
    public async Task Extract_KernelMissingOnEsp_ThrowsNamingPath()
    {
        using var temp = new TempDirectory();
        var esp = TestDisks.Esp();
        AddEntry(esp, "a.conf", "linux /missing/linux\n");
        var disk = await TestDisks.WriteAsync(temp, esp);

        using var image = MachineImage.Open(disk);
        var reader = image.OpenEsp();
        var error = Assert.Throws<FileNotFoundException>(() => EspBootLoader.Extract(reader, EspBootLoader.Plan(reader), temp.FullPath, TestContext.Current.CancellationToken));
        Assert.Equal($"'{disk}' partition 1 (ESP): '/missing/linux' does not exist.", error.Message);
    }

    [Fact]
    public async Task OpenEsp_NoEspPartition_ThrowsNamingImage()
    {
        using var temp = new TempDirectory();
        var disk = await TestDisks.WriteAsync(temp, TestDisks.Esp(), GptPartitionTypes.LinuxGeneric);
        using var image = MachineImage.Open(disk);
        var error = Assert.Throws<InvalidDataException>(image.OpenEsp);
        Assert.Equal($"'{disk}' has no EFI System Partition (GPT type c12a7328-f81f-11d2-ba4b-00a0c93ec93b).", error.Message);
    }

    [Fact]
    public void OpenEsp_NoGpt_ThrowsNamingImage()
    {
        using var temp = new TempDirectory();
        var path = temp.Path("blank.img");
        File.WriteAllBytes(path, new byte[1024 * 1024]);
        using var image = MachineImage.Open(path);
        var error = Assert.Throws<InvalidDataException>(image.OpenEsp);
        Assert.Equal($"'{path}' has no GPT partition table, so no EFI System Partition to boot from.", error.Message);
    }

    [Theory]
    [InlineData("qcow2", "qcow2", "")]
    [InlineData("vpc", "vpc", "subformat=fixed,force_size=on")]
    public async Task Plan_ConvertedByQemuImg_ReadsEspThroughContainer(string qemuImgFormat, string expectedFormat, string formatOptions)
    {
        var qemuImg = ExternalTool.Require("qemu-img", "qemu-utils");
        using var temp = new TempDirectory();
        var esp = TestDisks.Esp();
        AddEntry(esp, "basalt.conf", "linux /linux\noptions console=ttyS0\n");
        esp.AddFile("/linux", TestDisks.Bytes(5000, 4));
        var raw = await TestDisks.WriteAsync(temp, esp);
        var converted = temp.Path("disk." + qemuImgFormat);
        string[] options = formatOptions.Length > 0 ? ["-o", formatOptions] : [];
        ExternalTool.Run(qemuImg, ["convert", "-f", "raw", "-O", qemuImgFormat, .. options, raw, converted]).EnsureSuccess("qemu-img convert");

        using var image = MachineImage.Open(converted);
        var reader = image.OpenEsp();
        var files = EspBootLoader.Extract(reader, EspBootLoader.Plan(reader), temp.FullPath, TestContext.Current.CancellationToken);

        Assert.Equal(expectedFormat, image.QemuFormat);
        Assert.Equal(TestDisks.Bytes(5000, 4), File.ReadAllBytes(files.KernelPath));
    }
}
