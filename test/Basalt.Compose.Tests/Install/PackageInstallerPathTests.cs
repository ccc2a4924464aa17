using Basalt.Compose.Install;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Install;

/// <summary>Paths through symbolic links and non-directories, and nodes that were in the tree before any package.</summary>
public sealed class PackageInstallerPathTests
{
    [Fact]
    public async Task InstallAsync_UsrMergedTreeAndPreseededFile_FollowsDirectoryLinkAndPackageWins()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree();
        tree.AddDirectory("/usr/bin");
        tree.AddSymbolicLink("/bin", "usr/bin");
        tree.AddFile("/etc/issue", TestPackages.Text("pre-seeded\n"));
        var package = TestPackages.Build(temp, "legacy", new Dictionary<string, byte[]>
        {
            ["/bin/tool"] = TestPackages.Text("#!/bin/sh\n"),
            ["/etc/issue"] = TestPackages.Text("from package\n"),
        });

        var result = await PackageInstallerTests.Install(temp, tree, package);

        Assert.IsType<SymbolicLinkNode>(tree.Get("/bin"));
        Assert.Equal("#!/bin/sh\n", System.Text.Encoding.UTF8.GetString(((RegularFileNode)tree.Get("/usr/bin/tool")).Content.ReadAllBytes()));
        Assert.Equal("from package\n", System.Text.Encoding.UTF8.GetString(((RegularFileNode)tree.Get("/etc/issue")).Content.ReadAllBytes()));
        Assert.Equal(
        [
            "'legacy-1-1.noarch': '/bin' is a symbolic link to 'usr/bin' in the tree; files below it were installed through it.",
            "'legacy-1-1.noarch': '/etc/issue' was in the tree as a RegularFile no package installed; the package's file replaces it.",
        ], result.Warnings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InstallAsync_PathThroughRegularFile_ThrowsNamingIt()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree();
        tree.AddFile("/opt", []);
        var package = TestPackages.Build(temp, "under", new Dictionary<string, byte[]> { ["/opt/x/y"] = TestPackages.Text("y") });

        var ex = await Assert.ThrowsAsync<IOException>(() => PackageInstallerTests.Install(temp, tree, package));

        Assert.Equal("'under-1-1.noarch': Path '/opt/x/y': '/opt' is a RegularFile, not a directory.", ex.Message);
        Assert.Empty(Directory.GetFiles(temp.Path("scratch")));
    }

    [Fact]
    public async Task InstallAsync_SymbolicLinkLoop_ThrowsTooManyLevels()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree();
        tree.AddSymbolicLink("/a", "b");
        tree.AddSymbolicLink("/b", "/a");
        var package = TestPackages.Build(temp, "loop", new Dictionary<string, byte[]> { ["/a/file"] = TestPackages.Text("x") });

        var ex = await Assert.ThrowsAsync<IOException>(() => PackageInstallerTests.Install(temp, tree, package));

        Assert.Equal("'loop-1-1.noarch': Path '/a/file': too many levels of symbolic links at '/a'.", ex.Message);
    }

    [Fact]
    public async Task InstallAsync_AbsoluteLinkEscapingUpwards_StaysInsideTheTree()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree();
        tree.AddDirectory("/usr/lib");
        tree.AddSymbolicLink("/lib", "../../../usr/lib");
        var package = TestPackages.Build(temp, "libs", new Dictionary<string, byte[]> { ["/lib/libx.so"] = TestPackages.Text("elf") });

        await PackageInstallerTests.Install(temp, tree, package);

        Assert.True(tree.Contains("/usr/lib/libx.so"));
    }
}
