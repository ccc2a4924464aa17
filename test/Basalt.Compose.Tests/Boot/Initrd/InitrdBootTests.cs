using System.Text;
using Basalt.Compose.Boot.Initrd;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Boot.Initrd;

/// <summary>
/// The real check of an initrd: Debian's kernel under QEMU (TCG, no network, hard timeout) unpacks our zstd archive,
/// runs /init from it, loads every resolved module in our order and runs veritysetup with the libraries we chose.
/// </summary>
public sealed class InitrdBootTests
{
    [Fact]
    public async Task Boot_DebianKernelWithOurZstdInitrd_LoadsModulesAndRunsVeritysetup()
    {
        var qemu = ExternalTool.Require("qemu-system-x86_64", "qemu-system-x86");
        var image = DebianBoot.Tree;
        var modules = KernelModules.Resolve(image, DebianBoot.KernelVersion, ["dm-verity", "erofs", "virtio_blk", "virtio_pci"]);
        var script = new StringBuilder("#!/bin/busybox sh\nbb=/bin/busybox\n$bb mount -t proc proc /proc\n$bb mount -t sysfs sysfs /sys\n");
        foreach (var module in modules)
        {
            script.Append($"$bb insmod {module.Path} || echo \"INSMOD-FAILED {module.Name}\"\n");
        }

        script.Append("$bb grep -c . /proc/modules | $bb sed 's/^/MODULES-LOADED /'\n/sbin/veritysetup --version\necho BASALT-INITRD-OK\n$bb poweroff -f\n");
        var tree = new InitrdTreeBuilder(image, new FileTimestamp(1_700_000_000))
            .AddPaths(ElfClosure.Resolve(image, ["/bin/busybox", "/sbin/veritysetup"]))
            .AddPaths(modules.Select(m => m.Path))
            .AddFile("/init", Encoding.UTF8.GetBytes(script.ToString()), 0x1ED)
            .Build();
        using var temp = new TempDirectory();
        await using (var output = File.Create(temp.Path("initrd.zst")))
        {
            await InitrdWriter.WriteAsync(tree, output, InitrdCompression.Zstd, 3, TestContext.Current.CancellationToken);
        }

        // "-cpu max": crc32c_intel (erofs → libcrc32c → softdep crc32c) refuses a CPU without SSE4.2, like TCG's default.
        var result = ExternalTool.Run(qemu,
            ["-accel", "tcg", "-cpu", "max", "-m", "512", "-nographic", "-nic", "none", "-no-reboot",
             "-kernel", Path.Combine(DebianBoot.Directory, $"boot/vmlinuz-{DebianBoot.KernelVersion}"), "-initrd", temp.Path("initrd.zst"),
             "-append", "console=ttyS0 panic=-1 quiet"],
            timeout: TimeSpan.FromSeconds(120));

        var console = result.StandardOutput;
        Assert.Contains("BASALT-INITRD-OK", console, StringComparison.Ordinal);
        Assert.DoesNotContain("INSMOD-FAILED", console, StringComparison.Ordinal);
        Assert.Contains($"MODULES-LOADED {modules.Count}", console, StringComparison.Ordinal);
        Assert.Contains("veritysetup 2.", console, StringComparison.Ordinal);
    }
}
