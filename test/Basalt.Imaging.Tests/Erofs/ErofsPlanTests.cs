using Basalt.Imaging.Erofs;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Erofs;

/// <summary>Inode-form decisions that are too big to write in a unit test, checked on the plan.</summary>
public sealed class ErofsPlanTests
{
    [Fact]
    public void Create_FileOver4GiB_ExtendedInodeWithAllBlocks()
    {
        var tree = new FileTree();
        var size = (5L << 30) + 100;
        tree.Add("/huge", new RegularFileNode(FileContent.FromFactory(size, () => throw new InvalidOperationException("not read while planning"))));
        var plan = ErofsPlan.Create(tree, new ErofsWriterOptions(), TestContext.Current.CancellationToken);
        var inode = plan.Inodes.Single(i => i.Path == "/huge");
        Assert.True(inode.Extended);
        Assert.Equal(size, inode.Size);
        Assert.Equal(ErofsLayout.LayoutFlatInline, inode.Layout); // a 100-byte tail after a 64-byte inode
        Assert.Equal(size / 4096, inode.DataBlocks);
    }

    [Fact]
    public void Create_MtimeDiffersFromBuildTime_ExtendedInode()
    {
        var tree = new FileTree();
        tree.AddFile("/same", []).ModificationTime = new FileTimestamp(10);
        tree.AddFile("/other", []).ModificationTime = new FileTimestamp(10, 1);
        var plan = ErofsPlan.Create(tree, new ErofsWriterOptions { BuildTime = new FileTimestamp(10) }, TestContext.Current.CancellationToken);
        Assert.False(plan.Inodes.Single(i => i.Path == "/same").Extended);
        Assert.True(plan.Inodes.Single(i => i.Path == "/other").Extended);
        Assert.True(plan.Inodes[0].Extended); // the root keeps mtime 0
    }

    [Fact]
    public void Create_TailTooLargeToInline_PlainWithOwnBlock()
    {
        var tree = new FileTree();
        var file = tree.AddFile("/f", new byte[4096 + 4070]);
        file.ExtendedAttributes.Set("user.x", "y"); // 32 + 24 + 4070 > 4096
        var plan = ErofsPlan.Create(tree, new ErofsWriterOptions(), TestContext.Current.CancellationToken);
        var inode = plan.Inodes.Single(i => i.Path == "/f");
        Assert.Equal((ErofsLayout.LayoutFlatPlain, 2L, 0), (inode.Layout, inode.DataBlocks, inode.InlineLength));
    }

    [Fact]
    public void WriteFileAsync_70000HardLinks_ExtendedInodeAndKernelCountsThem()
    {
        using var temp = new TempDirectory("erofs");
        var tree = new FileTree { DefaultTimestamp = TreeShapes.Build };
        tree.Root.ModificationTime = TreeShapes.Build;
        var file = tree.AddFile("/links/original", "shared"u8.ToArray());
        for (var i = 0; i < 70_000; i++)
        {
            tree.Add($"/links/l{i:D5}", file);
        }

        var image = ErofsHarness.Write(tree, temp);
        ErofsHarness.AssertFsckClean(image);
        ErofsHarness.WithMount(image, mountPoint =>
        {
            var status = HostFileSystem.Stat(mountPoint + "/links/l69999");
            Assert.Equal(70_001u, status.LinkCount);
            Assert.Equal(HostFileSystem.Stat(mountPoint + "/links/original").Inode, status.Inode);
        });
    }

    [Fact]
    public async Task WriteAsync_XattrValueOf65536Bytes_ThrowsNamingLimit()
    {
        var tree = new FileTree();
        tree.AddFile("/f", []).ExtendedAttributes.Set("user.big", new byte[65536]);
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => ErofsWriterTests.WriteToMemoryAsync(tree));
        Assert.Equal("Extended attribute 'user.big' of '/f' is 65536 bytes; EROFS stores at most 65535.", error.Message);
    }

    [Fact]
    public async Task WriteAsync_NonSeekableOutput_SameBytesAsSeekable()
    {
        var tree = TreeShapes.Mixed();
        using var memory = new MemoryStream();
        await ErofsWriter.WriteAsync(tree, new ForwardOnlyStream(memory), ErofsHarness.Options, TestContext.Current.CancellationToken);
        Assert.Equal(await ErofsWriterTests.WriteToMemoryAsync(tree), memory.ToArray());
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
