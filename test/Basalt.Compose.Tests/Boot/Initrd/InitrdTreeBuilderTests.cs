using Basalt.Compose.Boot.Initrd;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Boot.Initrd;

/// <summary><see cref="InitrdTreeBuilder"/> on a small usr-merged image and on Debian's packages end to end.</summary>
public sealed class InitrdTreeBuilderTests
{
    private static readonly FileTimestamp Epoch = new(1_700_000_000);

    private static FileTree UsrMergedImage()
    {
        var image = new FileTree { DefaultTimestamp = new FileTimestamp(1_600_000_000) };
        image.AddDirectory("/usr", 0x1C0).Uid = 7; // 0700, owner 7: metadata the copy must keep
        image.AddSymbolicLink("/lib64", "usr/lib64");
        image.AddFile("/usr/lib64/ld-linux-x86-64.so.2", [1, 2, 3], 0x1ED);
        image.AddSymbolicLink("/usr/lib64/libc.so.6", "libc-2.38.so");
        image.AddFile("/usr/lib64/libc-2.38.so", [4, 5], 0x1ED);
        image.AddHardLink("/usr/lib64/libc-hard.so", "/usr/lib64/libc-2.38.so");
        image.AddFile("/usr/lib64/unrelated.so", [6]);
        return image;
    }

    [Fact]
    public void AddPath_ThroughLinks_CopiesLinksParentsAndFilesSharingContent()
    {
        var image = UsrMergedImage();

        var tree = new InitrdTreeBuilder(image, Epoch)
            .AddPaths(["/lib64/ld-linux-x86-64.so.2", "/lib64/libc.so.6", "/usr/lib64/libc-hard.so"])
            .AddFile("/init", "#!/bin/sh\n"u8.ToArray(), 0x1ED)
            .Build();

        Assert.Equal("usr/lib64", Assert.IsType<SymbolicLinkNode>(tree.Get("/lib64")).Target);
        Assert.Equal("libc-2.38.so", Assert.IsType<SymbolicLinkNode>(tree.Get("/usr/lib64/libc.so.6")).Target);
        var usr = Assert.IsType<DirectoryNode>(tree.Get("/usr"));
        Assert.Equal((0x1C0, 7u, 1_600_000_000L), (usr.Mode, usr.Uid, usr.ModificationTime.Seconds));
        var loader = Assert.IsType<RegularFileNode>(tree.Get("/usr/lib64/ld-linux-x86-64.so.2"));
        Assert.Same(((RegularFileNode)image.Get("/usr/lib64/ld-linux-x86-64.so.2")).Content, loader.Content);
        Assert.Same(tree.Get("/usr/lib64/libc-2.38.so"), tree.Get("/usr/lib64/libc-hard.so"));
        Assert.Equal(2, tree.Get("/usr/lib64/libc-hard.so").LinkCount);
        Assert.False(tree.Contains("/usr/lib64/unrelated.so"));
        Assert.Equal(0x1ED, tree.Get("/init").Mode);
    }

    [Fact]
    public void Build_AddsConsoleAndMountPoints()
    {
        var tree = new InitrdTreeBuilder(new FileTree(), Epoch).Build();

        var console = Assert.IsType<DeviceNode>(tree.Get("/dev/console"));
        Assert.Equal((FileNodeKind.CharacterDevice, 5u, 1u, 0x180, 0u, Epoch), (console.Kind, console.Major, console.Minor, console.Mode, console.Uid, console.ModificationTime));
        Assert.All((string[])["/proc", "/sys", "/run", "/tmp", "/sysroot"], p => Assert.IsType<DirectoryNode>(tree.Get(p)));
        Assert.Equal(0x3FF, tree.Get("/tmp").Mode);
    }

    [Fact]
    public void AddPath_Missing_ThrowsNamingIt()
    {
        var error = Assert.Throws<InitrdContentException>(() => new InitrdTreeBuilder(UsrMergedImage(), Epoch).AddPath("/lib64/libnone.so"));

        Assert.Equal("'/lib64/libnone.so' is not in the image, so it cannot be copied into the initrd.", error.Message);
    }

    [Fact]
    public void AddFile_WhereTheImageHasALink_Throws()
    {
        var builder = new InitrdTreeBuilder(UsrMergedImage(), Epoch).AddFile("/lib64/x", [1], 0x1A4);

        var error = Assert.Throws<IOException>(() => builder.AddPath("/lib64/ld-linux-x86-64.so.2"));

        Assert.Equal("'/lib64' is already in the initrd as a different Directory; the image has a SymbolicLink there.", error.Message);
    }

    [Fact]
    public async Task Build_DebianBootContent_HasEveryLibraryAndModuleAndASaneSize()
    {
        // The initrd a verity-sealed image boots with: busybox, veritysetup and its libraries, the storage modules.
        var image = DebianBoot.Tree;
        var modules = KernelModules.Resolve(image, DebianBoot.KernelVersion, ["dm-verity", "erofs", "virtio_blk", "virtio_pci"]);
        var programs = ElfClosure.Resolve(image, ["/bin/busybox", "/sbin/veritysetup"]);
        var tree = new InitrdTreeBuilder(image, Epoch)
            .AddPaths(programs)
            .AddPaths(modules.Select(m => m.Path))
            .AddFile("/init", "#!/bin/busybox sh\n"u8.ToArray(), 0x1ED)
            .Build();
        using var output = new MemoryStream();
        await InitrdWriter.WriteAsync(tree, output, InitrdCompression.Gzip, TestContext.Current.CancellationToken);

        foreach (var library in ElfClosureTests.LdSoList("/sbin/veritysetup"))
        {
            Assert.True(TreeLinksResolve(tree, library), $"'{library}' is missing from the initrd");
        }

        Assert.True(TreeLinksResolve(tree, "/lib64/ld-linux-x86-64.so.2"));
        Assert.All(modules, m => Assert.IsType<RegularFileNode>(tree.Get(m.Path)));
        Assert.Equal(13, modules.Count); // 4 asked for, 7 dependencies, crc32c_intel (a soft dependency) and libcrc32c
        var files = tree.EnumerateDepthFirst().Where(e => e.Node is RegularFileNode).ToList();
        var bytes = files.Sum(e => ((RegularFileNode)e.Node).Length);
        Assert.InRange(bytes, 5L << 20, 24L << 20); // libc, libcrypto, busybox and the modules: about 10 MiB
        Assert.InRange(output.Length, 2L << 20, bytes / 2);

        var cpio = ExternalTool.Require("cpio", "cpio");
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.Path("initrd.gz"), output.ToArray());
        var names = ExternalTool.Shell($"gzip -dc '{temp.Path("initrd.gz")}' | '{cpio}' -it --quiet").EnsureSuccess("cpio -it").StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("sbin/veritysetup", names);
        Assert.Contains("lib/x86_64-linux-gnu/libcryptsetup.so.12", names);
        Assert.Contains("dev/console", names);
        Assert.Equal(tree.EnumerateDepthFirst().Count(), names.Length);
    }

    private static bool TreeLinksResolve(FileTree tree, string path)
        => Basalt.Compose.Libraries.TreeLinks.TryResolve(tree, path, true, out _, out var node) && node is RegularFileNode;
}
