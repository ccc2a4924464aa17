using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests;

public sealed class ReplayStreamTests
{
    [Fact]
    public void Read_HeadThenRest_ReturnsOriginalBytesInOrder()
    {
        var data = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var source = new NonSeekableStream(data, chunk: 3);
        var head = new byte[6];
        source.ReadExactly(head);

        using var replay = new ReplayStream(head, source);
        var copy = new MemoryStream();
        replay.CopyTo(copy, bufferSize: 4);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task ReadAsync_HeadThenRest_ReturnsOriginalBytesInOrder()
    {
        var data = Enumerable.Range(0, 50).Select(i => (byte)(i * 3)).ToArray();
        var source = new MemoryStream(data);
        var head = new byte[10];
        source.ReadExactly(head);

        await using var replay = new ReplayStream(head.AsMemory(0, 10), source);
        var copy = new MemoryStream();
        await replay.CopyToAsync(copy, 7, TestContext.Current.CancellationToken);
        Assert.Equal(data, copy.ToArray());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Dispose_LeaveOpen_DecidesWhetherRestStaysOpen(bool leaveOpen, bool restUsable)
    {
        var rest = new MemoryStream([1, 2, 3]);
        new ReplayStream(ReadOnlyMemory<byte>.Empty, rest, leaveOpen).Dispose();
        Assert.Equal(restUsable, rest.CanRead);
    }
}
