using System.Text;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Fat;
using Basalt.Imaging.Gpt;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Qemu;

/// <summary>
/// Bootable test disks: a GPT raw image whose ESP (written by FatWriter) holds Debian's cloud kernel and a tiny
/// busybox initramfs under a Boot Loader Specification type #1 entry. The initramfs's /init mounts nothing, prints
/// <see cref="Marker"/> and powers off; with <c>basalt_hang=1</c> on the command line (the kernel hands unknown
/// key=value parameters to init as environment variables) it sleeps instead. Built once per test run.
/// </summary>
public sealed class BootImages : IDisposable
{
    public const string Marker = "BASALT-QEMU-TEST-BOOTED";

    private readonly TempDirectory _temp = new("basalt-qemu-test");
    private readonly Lazy<(string Boots, string Panics, string Hangs)> _images;

    public BootImages() => _images = new(Build);

    /// <summary>Boots, prints the marker, powers off.</summary>
    public string Boots => Require().Boots;

    /// <summary>An entry without initrd: the kernel panics with "VFS: Unable to mount root fs".</summary>
    public string Panics => Require().Panics;

    /// <summary>Boots into an init that sleeps for ten minutes.</summary>
    public string Hangs => Require().Hangs;

    public void Dispose() => _temp.Dispose();

    private (string Boots, string Panics, string Hangs) Require()
    {
        ExternalTool.Require("qemu-system-x86_64", "qemu-system-x86");
        ExternalTool.Require("dpkg-deb", "dpkg");
        ExternalTool.Require("cpio", "cpio");
        ExternalTool.Require("apt-get", "apt");
        return _images.Value;
    }

    private (string Boots, string Panics, string Hangs) Build()
    {
        var script = Path.Combine(Fixtures.RepoRoot, "scripts", "fetch-boot-debs.sh");
        var debs = ExternalTool.Run(script, []).EnsureSuccess("fetch-boot-debs.sh").StandardOutput.Trim();
        var extracted = _temp.Path("debs");
        foreach (var pattern in new[] { "linux-image-*.deb", "busybox-static_*.deb" })
        {
            var deb = Directory.GetFiles(debs, pattern).OrderBy(p => p, StringComparer.Ordinal).Last();
            ExternalTool.Run("dpkg-deb", ["-x", deb, extracted]).EnsureSuccess("dpkg-deb -x " + deb);
        }

        var kernel = File.ReadAllBytes(Directory.GetFiles(Path.Combine(extracted, "boot"), "vmlinuz-*").Single());
        var root = _temp.Path("initramfs");
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.Copy(Path.Combine(extracted, "bin", "busybox"), Path.Combine(root, "bin", "busybox"));
        File.WriteAllText(Path.Combine(root, "init"), $"""
            #!/bin/busybox sh
            if [ -n "$basalt_hang" ]; then /bin/busybox sleep 600; fi
            /bin/busybox echo {Marker}
            /bin/busybox poweroff -f

            """);
        ExternalTool.Run("chmod", ["0755", Path.Combine(root, "init")]).EnsureSuccess("chmod");
        var initrd = ExternalTool.Shell("find . | LC_ALL=C sort | cpio -o -H newc --quiet", root).EnsureSuccess("cpio").StandardOutputBytes;

        return (Write("boots.img", kernel, initrd, "console=ttyS0 quiet"),
                Write("panics.img", kernel, null, "console=ttyS0"),
                Write("hangs.img", kernel, initrd, "console=ttyS0 quiet basalt_hang=1"));
    }

    private string Write(string name, byte[] kernel, byte[]? initrd, string options)
    {
        var esp = new FileTree { DefaultTimestamp = new FileTimestamp(1_700_000_000) };
        esp.AddFile("/loader/loader.conf", "default test-*\ntimeout 0\n"u8.ToArray());
        esp.AddFile("/test/6.1/linux", kernel);
        var entry = new StringBuilder("title Test\nversion 6.1\nsort-key test\nlinux /test/6.1/linux\n");
        if (initrd is not null)
        {
            esp.AddFile("/test/6.1/initrd", initrd);
            entry.Append("initrd /test/6.1/initrd\n");
        }

        entry.Append("options ").Append(options).Append('\n');
        esp.AddFile("/loader/entries/test-6.1.conf", Encoding.UTF8.GetBytes(entry.ToString()));
        var fat = _temp.Path(name + ".esp");
        FatWriter.WriteAsync(esp, fat, new FatOptions { SizeBytes = 64L * 1024 * 1024, Label = "ESP" }).GetAwaiter().GetResult();
        var path = _temp.Path(name);
        new DiskImageBuilder(new Guid("0b5a1700-0000-4000-8000-000000000001"))
            .Add(new DiskPartitionSpec("esp", GptPartitionTypes.Esp, new Guid("0b5a1700-0000-4000-8000-000000000002"), 0, PartitionContent.FromFile(fat)))
            .WriteAsync(path).GetAwaiter().GetResult();
        File.Delete(fat);
        return path;
    }
}
