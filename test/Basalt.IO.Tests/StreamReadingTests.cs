using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests;

public sealed class StreamReadingTests
{
    [Fact]
    public void ReadExactly_ShortStream_ThrowsNamingWhatAndOffset()
    {
        var buffer = new byte[8];
        var ex = Assert.Throws<InvalidDataException>(() => new NonSeekableStream([1, 2, 3]).ReadExactly(buffer, "the lead", 96));
        Assert.Equal("Unexpected end of data in the lead at offset 96: got 3 of 8 bytes.", ex.Message);
    }

    [Fact]
    public void ReadExactly_SeekableStream_UsesPosition()
    {
        var stream = new MemoryStream(new byte[10]) { Position = 6 };
        var ex = Assert.Throws<InvalidDataException>(() => stream.ReadExactly(new byte[8], "the index"));
        Assert.Contains("in the index at offset 6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadExactly_ChunkedStream_FillsBuffer()
    {
        var data = Enumerable.Range(0, 50).Select(i => (byte)i).ToArray();
        var buffer = new byte[50];
        new NonSeekableStream(data, 3).ReadExactly(buffer, "data", 0);
        Assert.Equal(data, buffer);
    }

    [Fact]
    public void Skip_NonSeekable_AdvancesAndDetectsEnd()
    {
        var stream = new NonSeekableStream(new byte[200_000], 5000);
        stream.Skip(150_000, "padding");
        var ex = Assert.Throws<InvalidDataException>(() => stream.Skip(60_000, "padding"));
        Assert.Contains("got 50000 of 60000 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_SeekablePastEnd_Throws()
    {
        var stream = new MemoryStream(new byte[10]);
        stream.Skip(4, "x");
        Assert.Equal(4, stream.Position);
        Assert.Throws<InvalidDataException>(() => stream.Skip(7, "x"));
    }

    [Fact]
    public void CopyToBounded_CopiesExactlyCount()
    {
        var source = new NonSeekableStream(Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        var destination = new MemoryStream();
        source.CopyToBounded(destination, 42, "entry");
        Assert.Equal(Enumerable.Range(0, 42).Select(i => (byte)i).ToArray(), destination.ToArray());
        Assert.Throws<InvalidDataException>(() => source.CopyToBounded(destination, 100, "entry"));
    }

    [Fact]
    public async Task CopyToBoundedAsync_CopiesExactlyCount()
    {
        var source = new MemoryStream(new byte[100]);
        var destination = new MemoryStream();
        await source.CopyToBoundedAsync(destination, 70, "entry", TestContext.Current.CancellationToken);
        Assert.Equal(70, destination.Length);
        await Assert.ThrowsAsync<InvalidDataException>(() => source.CopyToBoundedAsync(destination, 31, "entry", TestContext.Current.CancellationToken));
    }
}
