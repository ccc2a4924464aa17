using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Erofs;

public sealed class ErofsWriterTests
{
    [Fact]
    public void WriteFileAsync_MixedTree_FsckCleanAndMountShowsTree()
    {
        using var temp = new TempDirectory("erofs");
        ErofsHarness.RoundTrip(TreeShapes.Mixed(), temp);
    }

    [Fact]
    public void AssertMountMatches_TreeChangedAfterWriting_DetectsDifference()
    {
        using var temp = new TempDirectory("erofs");
        var tree = TreeShapes.Mixed();
        var image = ErofsHarness.Write(tree, temp);
        tree.Get("/usr/bin/ping").Mode = 0x1C0; // 0700
        ErofsHarness.WithMount(image, mountPoint =>
        {
            var failure = Assert.ThrowsAny<Exception>(() => ErofsHarness.AssertMountMatches(tree, mountPoint));
            Assert.Contains("'/usr/bin/ping': mode", failure.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void WriteFileAsync_ThousandsOfSmallFiles_MountShowsTree()
    {
        using var temp = new TempDirectory("erofs");
        ErofsHarness.RoundTrip(GeneratedShapes.ManySmallFiles(4000), temp);
    }

    [Fact]
    public void WriteFileAsync_DeepDirectories_MountShowsTree()
    {
        using var temp = new TempDirectory("erofs");
        ErofsHarness.RoundTrip(GeneratedShapes.Deep(200), temp);
    }

    [Fact]
    public void WriteFileAsync_LongAndUnusualNames_MountShowsTreeAndLookupsWork()
    {
        using var temp = new TempDirectory("erofs");
        var tree = GeneratedShapes.LongNames();
        var image = ErofsHarness.Write(tree, temp);
        ErofsHarness.AssertFsckClean(image);
        ErofsHarness.WithMount(image, mountPoint =>
        {
            ErofsHarness.AssertMountMatches(tree, mountPoint);
            // Lookups go through the kernel's binary search over sorted dirents, unlike readdir.
            foreach (var entry in tree.EnumerateDepthFirst())
            {
                Assert.True(Path.Exists(mountPoint + entry.Path), $"lookup of '{entry.Path}' failed");
            }
        });
    }

    [Fact]
    public void WriteFileAsync_SymlinksOfManyLengths_MountShowsTargets()
    {
        using var temp = new TempDirectory("erofs");
        ErofsHarness.RoundTrip(GeneratedShapes.Symlinks(), temp);
    }

    [Fact]
    public void WriteFileAsync_LargeFiles_MountShowsContent()
    {
        using var temp = new TempDirectory("erofs");
        var tree = GeneratedShapes.LargeFiles(temp.FullPath, 24L << 20, (16L << 20) + 1234, 4096 * 3 + 1);
        ErofsHarness.RoundTrip(tree, temp);
    }

    [Fact]
    public void WriteFileAsync_EmptyTree_MountShowsEmptyRoot()
    {
        using var temp = new TempDirectory("erofs");
        var tree = new FileTree();
        ErofsHarness.RoundTrip(tree, temp);
    }

    [Fact]
    public async Task WriteAsync_SameTreeTwiceAndReversedInsertion_IdenticalBytes()
    {
        var forward = TreeShapes.Mixed();
        var reversed = new FileTree { DefaultTimestamp = TreeShapes.Build };
        reversed.Root.ModificationTime = TreeShapes.Build;
        var entries = forward.EnumerateDepthFirst().Skip(1).Reverse().ToList();
        var copies = new Dictionary<FileNode, FileNode>(ReferenceEqualityComparer.Instance);
        foreach (var entry in entries.Where(e => e.Node is DirectoryNode))
        {
            var directory = reversed.CreateDirectory(entry.Path);
            directory.CopyMetadataFrom(entry.Node);
        }

        foreach (var entry in entries.Where(e => e.Node is not DirectoryNode))
        {
            if (!copies.TryGetValue(entry.Node, out var copy))
            {
                copy = entry.Node; // non-directory nodes can be shared: the same node becomes the same inode
                copies.Add(entry.Node, copy);
            }

            reversed.Add(entry.Path, copy);
        }

        var first = await WriteToMemoryAsync(forward);
        var second = await WriteToMemoryAsync(forward);
        var third = await WriteToMemoryAsync(reversed);
        Assert.Equal(first, second);
        Assert.Equal(first, third);
    }

    [Fact]
    public async Task WriteAsync_FileStreamAndMemoryStream_IdenticalBytes()
    {
        using var temp = new TempDirectory("erofs");
        var tree = GeneratedShapes.LargeFiles(temp.FullPath, (3L << 20) + 17, 5000);
        tree.AddFile("/small", [1, 2, 3]);
        var viaFile = File.ReadAllBytes(ErofsHarness.Write(tree, temp));
        Assert.Equal(viaFile, await WriteToMemoryAsync(tree));
    }

    [Fact]
    public async Task WriteAsync_ContentShorterThanDeclared_ThrowsNamingPath()
    {
        var tree = new FileTree();
        tree.Add("/broken", new RegularFileNode(FileContent.FromFactory(10_000, () => new MemoryStream(new byte[5000]))));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => WriteToMemoryAsync(tree));
        Assert.Contains("'/broken'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_UnsupportedXattrNamespace_ThrowsNamingAttribute()
    {
        var tree = new FileTree();
        tree.AddFile("/f", []).ExtendedAttributes.Set("system.nfs4_acl", [1]);
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => WriteToMemoryAsync(tree));
        Assert.Contains("'system.nfs4_acl' of '/f'", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<byte[]> WriteToMemoryAsync(FileTree tree)
    {
        using var memory = new MemoryStream();
        await Basalt.Imaging.Erofs.ErofsWriter.WriteAsync(tree, memory, ErofsHarness.Options, TestContext.Current.CancellationToken);
        return memory.ToArray();
    }
}
