using Basalt.Compose.Install;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Install;

public sealed class PackageInstallerTests
{
    private const long Epoch = 1_700_000_000;

    [Fact]
    public async Task InstallAsync_SamePathDifferentContent_ThrowsOneLinePerConflictWordedAsRpm()
    {
        using var temp = new TempDirectory();
        var a = TestPackages.Build(temp, "alpha", new Dictionary<string, byte[]>
        {
            ["/usr/bin/x"] = TestPackages.Text("one\n"),
            ["/usr/bin/y"] = TestPackages.Text("same\n"),
            ["/etc/z"] = TestPackages.Text("z1\n"),
        });
        var b = TestPackages.Build(temp, "beta", new Dictionary<string, byte[]>
        {
            ["/usr/bin/x"] = TestPackages.Text("two\n"),
            ["/usr/bin/y"] = TestPackages.Text("same\n"),
            ["/etc/z"] = TestPackages.Text("z2\n"),
        });
        var scratch = temp.Path("scratch");
        Directory.CreateDirectory(scratch);

        var ex = await Assert.ThrowsAsync<FileConflictException>(() => PackageInstaller.InstallAsync(new FileTree(), [a, b],
            Options(scratch), null, TestContext.Current.CancellationToken));

        Assert.Equal(
            "file /etc/z from install of beta-1-1.noarch conflicts with file from package alpha-1-1.noarch\n"
            + "file /usr/bin/x from install of beta-1-1.noarch conflicts with file from package alpha-1-1.noarch",
            ex.Message);
        Assert.Empty(Directory.GetFiles(scratch));
    }

    [Fact]
    public async Task InstallAsync_IdenticalFilesAndSharedDirectories_InstallTogether()
    {
        using var temp = new TempDirectory();
        const string dirs = "files:\n  - path: /usr/share/common\n    directory: true\n";
        var a = TestPackages.Build(temp, "alpha", new Dictionary<string, byte[]> { ["/usr/share/common/README"] = TestPackages.Text("shared\n") },
            dirs);
        var b = TestPackages.Build(temp, "beta", new Dictionary<string, byte[]> { ["/usr/share/common/README"] = TestPackages.Text("shared\n") },
            dirs + "  - path: /usr/share/common/b\n    symlink: README\n");
        var tree = new FileTree();

        var result = await Install(temp, tree, a, b);

        Assert.Equal("shared\n", System.Text.Encoding.UTF8.GetString(((RegularFileNode)tree.Get("/usr/share/common/README")).Content.ReadAllBytes()));
        Assert.Equal("README", ((SymbolicLinkNode)tree.Get("/usr/share/common/b")).Target);
        Assert.Equal([2, 3], result.Packages.Select(p => p.FileCount));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task InstallAsync_GhostFilesAndMtimes_GhostsAbsentTimesClamped()
    {
        using var temp = new TempDirectory();
        var old = TestPackages.Build(temp, "old", new Dictionary<string, byte[]> { ["/var/lib/old/data"] = TestPackages.Text("d") },
            "files:\n  - path: /var/lib/old/ghost\n    ghost: true\n  - path: /var/lib/old/ghostdir\n    ghost: true\n    directory: true\n",
            fileTime: 1_600_000_000);
        var young = TestPackages.Build(temp, "young", new Dictionary<string, byte[]> { ["/opt/young"] = TestPackages.Text("y") },
            fileTime: 1_800_000_000);
        var tree = new FileTree();

        await Install(temp, tree, old, young);

        Assert.False(tree.Contains("/var/lib/old/ghost"));
        Assert.False(tree.Contains("/var/lib/old/ghostdir"));
        Assert.Equal(1_600_000_000, tree.Get("/var/lib/old/data").ModificationTime.Seconds);
        Assert.Equal(Epoch, tree.Get("/opt/young").ModificationTime.Seconds);
        // Parents rpm creates implicitly: 0755, SOURCE_DATE_EPOCH.
        Assert.Equal(Epoch, tree.Get("/var/lib/old").ModificationTime.Seconds);
        Assert.Equal(0x1ED, tree.Get("/var/lib/old").Mode);
    }

    [Fact]
    public async Task InstallAsync_LargeFile_SpooledOnceAndReadBack()
    {
        using var temp = new TempDirectory();
        var big = new byte[300_000];
        new Random(7).NextBytes(big);
        var package = TestPackages.Build(temp, "big", new Dictionary<string, byte[]>
        {
            ["/usr/lib/big.bin"] = big,
            ["/usr/lib/small"] = TestPackages.Text("s"),
        }, "files:\n  - path: /usr/lib/big-link\n    hardlink: /usr/lib/big.bin\n");
        var tree = new FileTree();

        var result = await Install(temp, tree, package);

        var node = (RegularFileNode)tree.Get("/usr/lib/big.bin");
        Assert.Same(node, tree.Get("/usr/lib/big-link"));
        Assert.Equal(2, node.LinkCount);
        Assert.False(node.Content.TryGetMemory(out _));
        Assert.Equal(big, node.Content.ReadAllBytes());
        Assert.True(((RegularFileNode)tree.Get("/usr/lib/small")).Content.TryGetMemory(out _));
        var spool = Assert.Single(Directory.GetFiles(temp.Path("scratch")));
        Assert.Equal(big.Length, new FileInfo(spool).Length);
        Assert.Equal(big.Length + 1, result.Packages[0].InstalledBytes);
    }

    [Fact]
    public async Task InstallAsync_Cancelled_DeletesScratchFiles()
    {
        using var temp = new TempDirectory();
        var big = new byte[100_000];
        var first = TestPackages.Build(temp, "first", new Dictionary<string, byte[]> { ["/a"] = big });
        var second = TestPackages.Build(temp, "second", new Dictionary<string, byte[]> { ["/b"] = big });
        var scratch = temp.Path("scratch");
        Directory.CreateDirectory(scratch);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            Assert.Single(Directory.GetFiles(scratch));
            cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            PackageInstaller.InstallAsync(new FileTree(), [first, second], Options(scratch), progress, cancel.Token));

        Assert.Empty(Directory.GetFiles(scratch));
    }

    [Fact]
    public async Task InstallAsync_GhostInOnePackageRealInOther_NoConflictAndFileCreated()
    {
        using var temp = new TempDirectory();
        var owner = TestPackages.Build(temp, "owner", new Dictionary<string, byte[]> { ["/etc/keep"] = TestPackages.Text("k") },
            "files:\n  - path: /etc/state\n    ghost: true\n");
        var writer = TestPackages.Build(temp, "writer", new Dictionary<string, byte[]> { ["/etc/state"] = TestPackages.Text("real\n") });
        var tree = new FileTree();
        var reports = new List<InstallProgress>();

        var result = await PackageInstaller.InstallAsync(tree, [owner, writer], Options(PrepareScratch(temp)),
            new SynchronousProgress(reports.Add), TestContext.Current.CancellationToken);

        Assert.Equal("real\n", System.Text.Encoding.UTF8.GetString(((RegularFileNode)tree.Get("/etc/state")).Content.ReadAllBytes()));
        Assert.Equal(
            [new InstallProgress(1, 2, "owner-1-1.noarch", 1), new InstallProgress(2, 2, "writer-1-1.noarch", 6)],
            reports);
        Assert.Equal([1, 1], result.Packages.Select(p => p.FileCount));
    }

    [Fact]
    public async Task InstallAsync_DirectoryAgainstFile_Conflicts()
    {
        using var temp = new TempDirectory();
        var a = TestPackages.Build(temp, "dirs", new Dictionary<string, byte[]>(), "files:\n  - path: /opt/thing\n    directory: true\n");
        var b = TestPackages.Build(temp, "file", new Dictionary<string, byte[]> { ["/opt/thing"] = TestPackages.Text("f") });

        var ex = await Assert.ThrowsAsync<FileConflictException>(() => Install(temp, new FileTree(), a, b));

        Assert.Equal(["file /opt/thing from install of file-1-1.noarch conflicts with file from package dirs-1-1.noarch"], ex.Conflicts);
    }

    internal static InstallOptions Options(string scratch) => new() { SourceDateEpoch = Epoch, ScratchDirectory = scratch };

    internal static string PrepareScratch(TempDirectory temp)
    {
        var scratch = temp.Path("scratch");
        Directory.CreateDirectory(scratch);
        return scratch;
    }

    internal static Task<InstallResult> Install(TempDirectory temp, FileTree tree, params PackageFile[] packages)
    {
        var scratch = PrepareScratch(temp);
        return PackageInstaller.InstallAsync(tree, packages, Options(scratch), null, TestContext.Current.CancellationToken);
    }

    private sealed class SynchronousProgress(Action<InstallProgress> report) : IProgress<InstallProgress>
    {
        public void Report(InstallProgress value) => report(value);
    }
}
