using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests;

public sealed class BoundedReadStreamTests
{
    [Fact]
    public void Read_PastWindow_ReturnsZeroAndLeavesInnerPositioned()
    {
        var inner = new MemoryStream([1, 2, 3, 4, 5, 6]);
        using var bounded = new BoundedReadStream(inner, 4, leaveOpen: true);
        var buffer = new byte[10];
        Assert.Equal(4, bounded.Read(buffer));
        Assert.Equal(0, bounded.Read(buffer));
        Assert.Equal(4, inner.Position);
        Assert.Equal(-1, bounded.ReadByte());
    }

    [Fact]
    public void Read_InnerEndsEarly_ThrowsNamingDescription()
    {
        using var bounded = new BoundedReadStream(new MemoryStream([1, 2]), 5, description: "entry 'x'");
        var ex = Assert.Throws<InvalidDataException>(() => bounded.CopyTo(Stream.Null));
        Assert.Contains("entry 'x' at offset 2: 3 more bytes expected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipRemaining_NonSeekableInner_ConsumesWindowOnly()
    {
        var inner = new NonSeekableStream(Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        using var bounded = new BoundedReadStream(inner, 60, leaveOpen: true);
        Assert.Equal(0, bounded.ReadByte());
        bounded.SkipRemaining();
        Assert.Equal(0, bounded.Remaining);
        Assert.Equal(60, inner.ReadByte());
    }

    [Fact]
    public void Dispose_WithoutLeaveOpen_DisposesInner()
    {
        var inner = new MemoryStream([1]);
        new BoundedReadStream(inner, 1).Dispose();
        Assert.False(inner.CanRead);
    }

    [Fact]
    public async Task ReadAsync_Window_ReturnsOnlyWindow()
    {
        using var bounded = new BoundedReadStream(new MemoryStream([1, 2, 3, 4]), 3);
        var buffer = new byte[8];
        var total = 0;
        int read;
        while ((read = await bounded.ReadAsync(buffer.AsMemory(total), TestContext.Current.CancellationToken)) > 0)
        {
            total += read;
        }

        Assert.Equal(3, total);
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer[..3]);
    }
}
