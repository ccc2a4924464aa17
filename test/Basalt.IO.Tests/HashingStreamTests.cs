using System.Security.Cryptography;
using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests;

public sealed class HashingStreamTests
{
    private static readonly byte[] Data = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 31)).ToArray();

    [Fact]
    public void Read_WholeStream_HashEqualsOneShot()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var hashing = new HashingStream(new NonSeekableStream(Data, 999), hash);
        hashing.CopyTo(Stream.Null);
        Assert.Equal(Data.Length, hashing.BytesHashed);
        Assert.Equal(SHA256.HashData(Data), hashing.GetHashAndReset());
    }

    [Fact]
    public async Task WriteAsync_Copy_HashEqualsOneShotAndDataPassesThrough()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var destination = new MemoryStream();
        await using (var hashing = new HashingStream(destination, hash, leaveOpen: true))
        {
            await new MemoryStream(Data).CopyToAsync(hashing, TestContext.Current.CancellationToken);
        }

        Assert.Equal(Data, destination.ToArray());
        Assert.Equal(SHA512.HashData(Data), hash.GetHashAndReset());
    }
}
