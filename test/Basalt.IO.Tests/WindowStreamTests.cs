namespace Basalt.IO.Tests;

public sealed class WindowStreamTests
{
    private static readonly byte[] Bytes = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];

    [Fact]
    public void Read_FromStart_ReturnsOnlyTheWindow()
    {
        using var window = new WindowStream(new MemoryStream(Bytes), offset: 10, length: 5);

        var buffer = new byte[20];
        var read = window.Read(buffer, 0, buffer.Length);

        Assert.Equal(5, read);
        Assert.Equal([10, 11, 12, 13, 14], buffer[..5]);
        Assert.Equal(0, window.Read(buffer, 0, buffer.Length));
    }

    [Fact]
    public void Seek_FromEndAndCurrent_PositionsWithinTheWindow()
    {
        using var window = new WindowStream(new MemoryStream(Bytes), offset: 50, length: 10);

        window.Seek(-2, SeekOrigin.End);
        Assert.Equal(58, window.ReadByte());
        window.Seek(-5, SeekOrigin.Current);
        Assert.Equal(54, window.ReadByte());
        Assert.Equal(10, window.Length);
    }

    [Fact]
    public void Constructor_UnseekableStream_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new WindowStream(new Basalt.TestInfrastructure.NonSeekableStream(Bytes), 0, 1));

        Assert.StartsWith("The underlying stream must be readable and seekable.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_IsRefused()
    {
        using var window = new WindowStream(new MemoryStream(Bytes), 0, 10);

        Assert.Throws<NotSupportedException>(() => window.Write([1], 0, 1));
    }
}
