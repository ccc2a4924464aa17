using System.Runtime.Versioning;
using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests;

[UnsupportedOSPlatform("windows")]
public sealed class SafeTreeWriterTests
{
    [Fact]
    public void EnsureParents_Missing_CreatesRealDirectories()
    {
        using var temp = new TempDirectory();
        var tree = Writer(temp.Path("root"));
        tree.EnsureParents("e", "a/b/c");
        Assert.True(Directory.Exists(temp.Path("root", "a", "b")));
        Assert.False(Path.Exists(temp.Path("root", "a", "b", "c")));
    }

    [Fact]
    public void EnsureParents_ParentIsSymlink_RefusesNamingParent()
    {
        using var temp = new TempDirectory();
        var outside = Directory.CreateDirectory(temp.Path("outside")).FullName;
        var tree = Writer(temp.Path("root"));
        File.CreateSymbolicLink(tree.FullPath("a"), outside);

        var ex = Assert.Throws<InvalidDataException>(() => tree.EnsureParents("entry-1", "a/x"));
        Assert.Equal("entry-1: ParentIsSymlink 'a'", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public void EnsureParents_ParentIsFile_RefusesNamingParent()
    {
        using var temp = new TempDirectory();
        var tree = Writer(temp.Path("root"));
        File.WriteAllText(tree.FullPath("a"), "x");
        var ex = Assert.Throws<InvalidDataException>(() => tree.EnsureParents("e", "a/b/c"));
        Assert.Equal("e: ParentIsNotDirectory 'a'", ex.Message);
    }

    [Fact]
    public void Clear_Symlink_RemovesLinkNotTarget()
    {
        using var temp = new TempDirectory();
        var target = temp.Path("target.txt");
        File.WriteAllText(target, "keep");
        var tree = Writer(temp.Path("root"));
        File.CreateSymbolicLink(tree.FullPath("link"), target);

        tree.Clear("e", "link");
        Assert.False(Path.Exists(tree.FullPath("link")));
        Assert.Equal("keep", File.ReadAllText(target));
    }

    [Fact]
    public void Clear_NonEmptyDirectory_RefusesWithInnerError()
    {
        using var temp = new TempDirectory();
        var tree = Writer(temp.Path("root"));
        tree.EnsureDirectory("e", "d");
        File.WriteAllText(tree.FullPath("d/f"), "x");
        var ex = Assert.Throws<InvalidDataException>(() => tree.Clear("e", "d"));
        Assert.Equal("e: NonEmptyDirectory 'd'", ex.Message);
        Assert.IsType<IOException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public void EnsureDirectory_NameTakenBySymlink_ReplacesItWithDirectory()
    {
        using var temp = new TempDirectory();
        var outside = Directory.CreateDirectory(temp.Path("outside")).FullName;
        var tree = Writer(temp.Path("root"));
        File.CreateSymbolicLink(tree.FullPath("d"), outside);

        tree.EnsureDirectory("e", "d");
        tree.EnsureParents("e", "d/f");
        using (var file = tree.CreateFile("d/f"))
        {
            file.WriteByte(1);
        }

        Assert.Null(new DirectoryInfo(tree.FullPath("d")).LinkTarget);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public void CreateFile_NameTakenBySymlink_ThrowsWithoutFollowing()
    {
        using var temp = new TempDirectory();
        var target = temp.Path("target.txt");
        var tree = Writer(temp.Path("root"));
        File.CreateSymbolicLink(tree.FullPath("f"), target);

        Assert.Throws<IOException>(() => tree.CreateFile("f").Dispose());
        Assert.False(File.Exists(target));
    }

    private static SafeTreeWriter<string> Writer(string root) =>
        new(root, (entry, conflict, path, inner) => new InvalidDataException($"{entry}: {conflict} '{path}'", inner));
}
