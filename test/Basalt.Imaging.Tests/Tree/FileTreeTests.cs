using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Tests.Tree;

public sealed class FileTreeTests
{
    [Fact]
    public void Add_NestedPath_CreatesParentDirectories()
    {
        var tree = new FileTree { DefaultTimestamp = new FileTimestamp(42) };
        tree.AddFile("usr//lib/./x.so", [1]);
        var lib = Assert.IsType<DirectoryNode>(tree.Get("/usr/lib"));
        Assert.Equal(0x1ED, lib.Mode);
        Assert.Equal(new FileTimestamp(42), lib.ModificationTime);
        Assert.True(tree.Contains("/usr/lib/x.so"));
    }

    [Fact]
    public void Add_ExistingPath_ThrowsNamingPath()
    {
        var tree = new FileTree();
        tree.AddFile("/a", []);
        var error = Assert.Throws<IOException>(() => tree.AddFile("a", []));
        Assert.Equal("Path '/a' already exists in the tree.", error.Message);
    }

    [Fact]
    public void Add_ParentIsFile_ThrowsNamingParent()
    {
        var tree = new FileTree();
        tree.AddFile("/a", []);
        var error = Assert.Throws<IOException>(() => tree.AddFile("/a/b", []));
        Assert.Equal("Path '/a' is a RegularFile, not a directory.", error.Message);
    }

    [Theory]
    [InlineData("/a/../b")]
    [InlineData("/a/..")]
    [InlineData("/a\0b")]
    public void Normalize_EscapingOrNulPath_Throws(string path)
    {
        Assert.Throws<ArgumentException>(() => TreePath.Normalize(path));
    }

    [Fact]
    public void Normalize_NameLongerThan255Bytes_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => TreePath.Normalize("/" + new string('é', 128)));
        Assert.Contains("longer than 255 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal("/" + new string('a', 255), TreePath.Normalize(new string('a', 255) + "/"));
    }

    [Fact]
    public void AddHardLink_ThreePaths_SharedNodeCountsThree()
    {
        var tree = new FileTree();
        var file = tree.AddFile("/bin/a", [1, 2]);
        tree.AddHardLink("/bin/b", "/bin/a");
        tree.AddHardLink("/sbin/c", "/bin/a");
        Assert.Same(file, tree.Get("/sbin/c"));
        Assert.Equal(3, file.LinkCount);
        Assert.True(tree.Remove("/bin/b"));
        Assert.Equal(2, file.LinkCount);
        Assert.True(tree.Remove("/sbin"));
        Assert.Equal(1, file.LinkCount);
    }

    [Fact]
    public void AddHardLink_Directory_Throws()
    {
        var tree = new FileTree();
        tree.AddDirectory("/d");
        Assert.Throws<IOException>(() => tree.AddHardLink("/e", "/d"));
    }

    [Fact]
    public void LinkCount_Directory_IsTwoPlusSubdirectories()
    {
        var tree = new FileTree();
        tree.AddDirectory("/d/x");
        tree.AddDirectory("/d/y");
        tree.AddFile("/d/f", []);
        Assert.Equal(4, tree.Get("/d").LinkCount);
        Assert.Equal(3, tree.Root.LinkCount);
        tree.Remove("/d/x");
        Assert.Equal(3, tree.Get("/d").LinkCount);
    }

    [Fact]
    public void EnumerateDepthFirst_DifferentInsertionOrder_SameSequence()
    {
        string[] paths = ["/b/z", "/a", "/b/a/c", "/😀", "/\uFFFD", "/B", "/-x", "/.a"];
        var forward = new FileTree();
        var backward = new FileTree();
        foreach (var path in paths)
        {
            forward.AddFile(path, []);
        }

        foreach (var path in paths.Reverse())
        {
            backward.AddFile(path, []);
        }

        var expected = new[] { "/", "/-x", "/.a", "/B", "/a", "/b", "/b/a", "/b/a/c", "/b/z", "/\uFFFD", "/😀" };
        Assert.Equal(expected, forward.EnumerateDepthFirst().Select(e => e.Path));
        Assert.Equal(expected, backward.EnumerateDepthFirst().Select(e => e.Path));
    }

    [Fact]
    public void AddOrReplace_ExistingDirectory_ReplacesSubtree()
    {
        var tree = new FileTree();
        var shared = tree.AddFile("/d/f", []);
        tree.AddHardLink("/g", "/d/f");
        tree.AddOrReplace("/d", new SymbolicLinkNode("elsewhere"));
        Assert.IsType<SymbolicLinkNode>(tree.Get("/d"));
        Assert.Equal(1, shared.LinkCount);
        Assert.False(tree.Contains("/d/f"));
    }

    [Fact]
    public void FileNameComparer_AstralCharacters_OrderLikeUtf8Bytes()
    {
        var names = new[] { "😀", "\uFFFD", "a", "ä" };
        Array.Sort(names, FileNameComparer.Instance);
        var bytes = names.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        for (var i = 1; i < bytes.Length; i++)
        {
            Assert.True(bytes[i - 1].AsSpan().SequenceCompareTo(bytes[i]) < 0);
        }
    }

    [Fact]
    public void Mode_TypeBits_Rejected()
    {
        var node = new RegularFileNode([]);
        Assert.Throws<ArgumentOutOfRangeException>(() => node.Mode = 0x81A4);
        node.Mode = 0xFFF;
        Assert.Equal(0x8FFF, node.FullMode);
    }

    [Fact]
    public void VfsCapability_EncodeDecode_RoundTripsKnownBytes()
    {
        // cap_net_raw (13) permitted and effective, revision 2: what `setcap cap_net_raw+ep` stores.
        var bytes = new VfsCapability(1UL << 13, 0, true).Encode();
        Assert.Equal("0100000200200000000000000000000000000000", Convert.ToHexStringLower(bytes));
        Assert.Equal(new VfsCapability(1UL << 13, 0, true), VfsCapability.Decode(bytes));
        var v3 = new VfsCapability(1UL << 40, 1, false, 1000);
        Assert.Equal(v3, VfsCapability.Decode(v3.Encode()));
    }

    [Fact]
    public void VfsCapability_Decode_WrongLength_ThrowsWithMessage()
    {
        var error = Assert.Throws<InvalidDataException>(() => VfsCapability.Decode(new byte[] { 1, 0, 0, 2, 0 }));
        Assert.Equal("'security.capability' has revision 0x02000000 and 5 bytes; expected v2 (20) or v3 (24).", error.Message);
    }

    [Fact]
    public void ExtendedAttributes_AddedInAnyOrder_EnumerateSorted()
    {
        var node = new RegularFileNode([]);
        node.ExtendedAttributes.Set("user.b", "2");
        node.ExtendedAttributes.Set("security.a", "1");
        node.ExtendedAttributes.Set("user.a", "3");
        Assert.Equal(["security.a", "user.a", "user.b"], node.ExtendedAttributes.Select(x => x.Key));
        Assert.Throws<ArgumentException>(() => node.ExtendedAttributes.Set("noprefix", "x"));
    }
}
