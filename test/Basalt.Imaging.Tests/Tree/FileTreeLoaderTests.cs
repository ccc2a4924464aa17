using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Tree;

public sealed class FileTreeLoaderTests
{
    [Fact]
    public void FromDirectory_EveryFileType_LoadsMetadataLinksAndXattrs()
    {
        ExternalTool.Require("/usr/bin/python3", "python3");
        using var temp = new TempDirectory("tree");
        HostTrees.Populate(temp.FullPath);
        var tree = FileTreeLoader.FromDirectory(temp.FullPath, new FileTreeLoaderOptions { InMemoryThreshold = 1000 });

        var tool = Assert.IsType<RegularFileNode>(tree.Get("/usr/bin/tool"));
        Assert.Same(tool, tree.Get("/usr/bin/tool-link"));
        Assert.Same(tool, tree.Get("/tool-link2"));
        Assert.Equal(3, tool.LinkCount);
        Assert.Equal(0x9ED, tool.Mode); // 04755
        Assert.Equal(200_000, tool.Length);
        Assert.False(tool.Content.TryGetMemory(out _)); // above the threshold: read lazily
        Assert.True(tool.ExtendedAttributes.TryGetValue(VfsCapability.AttributeName, out var capability));
        Assert.True(VfsCapability.Decode(capability).Effective);
        Assert.Equal("tool", Assert.IsType<SymbolicLinkNode>(tree.Get("/usr/bin/alias")).Target);
        Assert.Equal("/does/not/exist", Assert.IsType<SymbolicLinkNode>(tree.Get("/dangling")).Target);
        var null_ = Assert.IsType<DeviceNode>(tree.Get("/null"));
        Assert.Equal((FileNodeKind.CharacterDevice, 1u, 3u, 0x1B6), (null_.Kind, null_.Major, null_.Minor, null_.Mode));
        Assert.Equal(FileNodeKind.BlockDevice, tree.Get("/sda1").Kind);
        Assert.Equal(FileNodeKind.Fifo, tree.Get("/fifo").Kind);
        Assert.Equal(0x3FF, tree.Get("/empty").Mode);
        Assert.True(tree.Get("/empty").ExtendedAttributes.TryGetValue("user.empty-value", out var empty) && empty.Length == 0);
    }

    [Fact]
    public void FromDirectory_AllRootAndTimestamp_OverrideOwnersAndTimes()
    {
        using var temp = new TempDirectory("tree");
        File.WriteAllText(temp.Path("f"), "x");
        ExternalTool.Run("chown", ["1234:5678", temp.Path("f")]).EnsureSuccess("chown");
        var plain = FileTreeLoader.FromDirectory(temp.FullPath);
        Assert.Equal((1234u, 5678u), (plain.Get("/f").Uid, plain.Get("/f").Gid));
        var rooted = FileTreeLoader.FromDirectory(temp.FullPath, new FileTreeLoaderOptions { AllRoot = true, Timestamp = new FileTimestamp(5) });
        Assert.Equal((0u, 0u, new FileTimestamp(5)), (rooted.Get("/f").Uid, rooted.Get("/f").Gid, rooted.Get("/f").ModificationTime));
        Assert.Equal(new FileTimestamp(5), rooted.Root.ModificationTime);
    }

    [Fact]
    public void FromDirectory_Missing_ThrowsNamingDirectory()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => FileTreeLoader.FromDirectory("/nonexistent-basalt"));
        Assert.Equal("Source directory '/nonexistent-basalt' does not exist.", error.Message);
    }
}
