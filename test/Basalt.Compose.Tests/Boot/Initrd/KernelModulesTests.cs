using Basalt.Compose.Boot.Initrd;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Boot.Initrd;

/// <summary>Small trees: modules.dep parsing, compressed modules, usr-merged layouts and malformed modules.</summary>
public sealed class KernelModulesTests
{
    private const string Version = "6.9.0-test";

    private static FileTree TreeWithModules(string directory, params (string Path, byte[] Content)[] files)
    {
        var tree = new FileTree();
        foreach (var (path, content) in files)
        {
            tree.AddFile($"{directory}/{Version}/{path}", content);
        }

        return tree;
    }

    [Fact]
    public void Resolve_ModulesDep_ListedDependenciesLoadLastFirst()
    {
        // depmod lists a module's dependencies so that the last one loads first (libkmod reads the list backwards).
        var tree = TreeWithModules("/usr/lib/modules",
            ("modules.dep", "kernel/c.ko: kernel/b.ko kernel/a.ko\nkernel/b.ko: kernel/a.ko\nkernel/a.ko:\nkernel/d-e.ko.xz:\n"u8.ToArray()),
            ("modules.builtin", "kernel/builtin.ko\n"u8.ToArray()));

        var modules = KernelModules.Resolve(tree, Version, ["c", "d_e", "builtin.ko", "d-e"]);

        Assert.Equal(["a", "b", "c", "d_e"], modules.Select(m => m.Name));
        Assert.Equal($"/usr/lib/modules/{Version}/kernel/c.ko", modules[2].Path);
        Assert.Equal(["a", "b"], modules[2].Dependencies);
        Assert.Equal($"/usr/lib/modules/{Version}/kernel/d-e.ko.xz", modules[3].Path);
    }

    [Fact]
    public void Resolve_LibSymlinkToUsrLib_FollowsItToTheCanonicalPath()
    {
        var tree = TreeWithModules("/usr/lib/modules", ("modules.dep", "kernel/a.ko:\n"u8.ToArray()));
        tree.AddSymbolicLink("/lib", "usr/lib");
        tree.Remove($"/usr/lib/modules/{Version}");
        tree.AddFile($"/usr/lib/modules/other/{Version}/modules.dep", "kernel/a.ko:\n"u8.ToArray());
        tree.AddSymbolicLink($"/usr/lib/modules/{Version}", $"other/{Version}");

        var modules = KernelModules.Resolve(tree, Version, ["a"]);

        Assert.Equal($"/usr/lib/modules/other/{Version}/kernel/a.ko", Assert.Single(modules).Path);
    }

    [Fact]
    public void Resolve_ModulesDepNamesUnknownDependency_ThrowsNamingIt()
    {
        var tree = TreeWithModules("/lib/modules", ("modules.dep", "kernel/c.ko: kernel/gone.ko\n"u8.ToArray()));

        var error = Assert.Throws<InvalidDataException>(() => KernelModules.Resolve(tree, Version, ["c"]));

        Assert.Equal($"'/lib/modules/{Version}/modules.dep' lists 'gone' as a dependency of 'c' but has no line for it.", error.Message);
    }

    [Fact]
    public void Resolve_ModuleNotElf_ThrowsNamingTheFile()
    {
        var tree = TreeWithModules("/lib/modules", ("kernel/drivers/bad.ko", "not a module"u8.ToArray()));

        var error = Assert.Throws<InvalidDataException>(() => KernelModules.Resolve(tree, Version, ["bad"]));

        Assert.Equal($"Kernel module '/lib/modules/{Version}/kernel/drivers/bad.ko' is not an ELF file.", error.Message);
    }

    [Fact]
    public void Resolve_TruncatedModule_ThrowsNamingTheFile()
    {
        // Cut in the header, before the section headers, and inside them (e_shoff + 100; a signature follows the ELF).
        var real = File.ReadAllBytes(Path.Combine(DebianBoot.ModuleDirectory, "kernel/lib/reed_solomon/reed_solomon.ko"));
        foreach (var length in (int[])[40, 64, real.Length / 2, (int)BitConverter.ToInt64(real, 40) + 100])
        {
            var tree = TreeWithModules("/lib/modules", ("kernel/reed_solomon.ko", real[..length]));

            var error = Assert.Throws<InvalidDataException>(() => KernelModules.Resolve(tree, Version, ["reed-solomon"]));

            Assert.StartsWith($"Kernel module '/lib/modules/{Version}/kernel/reed_solomon.ko' is truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Resolve_ModuleWithoutModinfo_ThrowsNamingTheFile()
    {
        // A real module whose section name ".modinfo" is renamed in the section name table.
        var bytes = File.ReadAllBytes(Path.Combine(DebianBoot.ModuleDirectory, "kernel/lib/reed_solomon/reed_solomon.ko"));
        var at = bytes.AsSpan().IndexOf("\0.modinfo\0"u8);
        Assert.True(at > 0);
        bytes[at + 8] = (byte)'X';
        var tree = TreeWithModules("/lib/modules", ("kernel/x.ko", bytes));

        var error = Assert.Throws<InvalidDataException>(() => KernelModules.Resolve(tree, Version, ["x"]));

        Assert.Equal($"Kernel module '/lib/modules/{Version}/kernel/x.ko' has no '.modinfo' section.", error.Message);
    }

    [Fact]
    public void ModuleInfoRead_MutatedModule_OnlyInvalidData()
    {
        var valid = File.ReadAllBytes(Path.Combine(DebianBoot.ModuleDirectory, "kernel/drivers/md/dm-verity.ko"));
        Assert.Equal(["reed_solomon", "dm-mod", "dm-bufio"], ModuleInfo.Read(valid, "dm-verity.ko").Depends);
        var sections = (int)BitConverter.ToInt64(valid, 40);
        // The ELF header and the section header table, where the structure lives.
        MutationFuzzer.Run(valid, [(0, 64), (sections, Math.Min(valid.Length - sections, 64 * 40))], bytes => ModuleInfo.Read(bytes, "dm-verity.ko"));
    }

    [Fact]
    public void Resolve_CompressedModulesWithoutModulesDep_ReadsTheirModinfo()
    {
        // virtio_blk depends on virtio and virtio_ring; store them compressed as Fedora and Azure Linux ship them.
        var source = Path.Combine(DebianBoot.ModuleDirectory, "kernel/drivers");
        var zstd = ExternalTool.Require("zstd", "zstd");
        var xz = ExternalTool.Require("xz", "xz-utils");
        var blk = File.ReadAllBytes(Path.Combine(source, "block/virtio_blk.ko"));
        var virtio = ExternalTool.Run(zstd, ["-c", Path.Combine(source, "virtio/virtio.ko")]).EnsureSuccess("zstd").StandardOutputBytes;
        var ring = ExternalTool.Run(xz, ["-c", "--check=crc32", Path.Combine(source, "virtio/virtio_ring.ko")]).EnsureSuccess("xz").StandardOutputBytes;
        var tree = TreeWithModules("/usr/lib/modules",
            ("kernel/drivers/block/virtio_blk.ko", blk), ("kernel/drivers/virtio/virtio.ko.zst", virtio), ("kernel/drivers/virtio/virtio_ring.ko.xz", ring));

        var modules = KernelModules.Resolve(tree, Version, ["virtio-blk"]);

        Assert.Equal(["virtio_ring", "virtio", "virtio_blk"], modules.Select(m => m.Name));
        Assert.EndsWith("/virtio_ring.ko.xz", modules[0].Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingDependency_ThrowsNamingModuleAndDependency()
    {
        var blk = File.ReadAllBytes(Path.Combine(DebianBoot.ModuleDirectory, "kernel/drivers/block/virtio_blk.ko"));
        var tree = TreeWithModules("/lib/modules", ("kernel/virtio_blk.ko", blk));

        var error = Assert.Throws<InitrdContentException>(() => KernelModules.Resolve(tree, Version, ["virtio_blk"]));

        Assert.Contains($"'/lib/modules/{Version}/kernel/virtio_blk.ko' depends on 'virtio", error.Message, StringComparison.Ordinal);
    }
}
