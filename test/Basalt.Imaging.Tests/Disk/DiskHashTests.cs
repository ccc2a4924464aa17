using System.Buffers;
using System.Security.Cryptography;
using Basalt.Imaging.Disk;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Disk;

/// <summary>DiskHash hashes the disk as DiskImageBuilder writes it; the digest must be that of the finished file.</summary>
public sealed class DiskHashTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData(64L * 1024 * 1024)]
    public async Task WriteAsync_WithHash_EqualsSha256sumOfTheWrittenFile(long? diskSize)
    {
        using var temp = new TempDirectory();
        var path = temp.Path("disk.raw");
        var hash = new DiskHash(HashAlgorithmName.SHA256, Token);
        await using (hash)
        {
            DiskLayout layout;
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                layout = await SampleDisk.Builder(diskSize).WriteAsync(file, hash, Token);
            }

            Assert.Equal(layout.SizeBytes, hash.Length);
            using var state = await hash.CompleteAsync();
            var hex = Convert.ToHexStringLower(state.GetHashAndReset());

            ExternalTool.Require("sha256sum", "coreutils");
            Assert.StartsWith(hex + " ", ExternalTool.Run("sha256sum", [path]).StandardOutput, StringComparison.Ordinal);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(SampleDisk.Build(diskSize))), hex);
        }
    }

    [Fact]
    public async Task AppendPooledAsync_ChunksAndGaps_HashesZerosForTheGaps()
    {
        var data = SampleDisk.Payload(3_000_000, 5);
        var expected = new byte[10_000_000];
        data.AsSpan(0, 1_000_000).CopyTo(expected.AsSpan(17));
        data.AsSpan(1_000_000).CopyTo(expected.AsSpan(5_000_000));

        await using var hash = new DiskHash(HashAlgorithmName.SHA256, Token);
        await hash.AppendAsync(17, data.AsSpan(0, 1_000_000), Token);
        var pooled = ArrayPool<byte>.Shared.Rent(2_000_000);
        data.AsSpan(1_000_000).CopyTo(pooled);
        await hash.AppendPooledAsync(5_000_000, pooled, 2_000_000, Token);
        await hash.AppendZerosToAsync(10_000_000, Token);
        using var state = await hash.CompleteAsync();

        Assert.Equal(10_000_000, hash.Length);
        Assert.Equal(SHA256.HashData(expected), state.GetHashAndReset());
    }

    [Fact]
    public async Task AppendAsync_OffsetBeforeTheEnd_ThrowsNamingBothOffsets()
    {
        await using var hash = new DiskHash(HashAlgorithmName.SHA256, Token);
        await hash.AppendAsync(0, new byte[4096], Token);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => hash.AppendAsync(100, new byte[10], Token).AsTask());

        Assert.Contains("at byte 4096; data at byte 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_CancelledWhileHashing_ThrowsAndDisposeWaitsForTheWorker()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var hash = new DiskHash(HashAlgorithmName.SHA256, cancellation.Token);
        await using (hash)
        {
            // 64 GiB of zeros: minutes of hashing, so the cancellation surely lands while the worker runs.
            await hash.AppendZerosToAsync(64L << 30, Token);
            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(hash.CompleteAsync);
        }
    }

    [Fact]
    public async Task AppendAsync_WorkerCancelledWithFullQueue_WakesTheWriter()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await using var hash = new DiskHash(HashAlgorithmName.SHA256, cancellation.Token);
        await hash.AppendZerosToAsync(64L << 30, Token);

        // The worker is busy with the zeros: the queue fills and the writer waits until the cancellation stops the worker.
        var writer = Task.Run(async () =>
        {
            for (var offset = 64L << 30; ; offset += 1024)
            {
                await hash.AppendAsync(offset, new byte[1024], Token);
            }
        }, Token);
        await Task.Delay(100, Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer);
    }

    [Fact]
    public async Task DisposeAsync_WithoutComplete_StopsTheWorker()
    {
        var hash = new DiskHash(HashAlgorithmName.SHA256, Token);
        await hash.AppendZerosToAsync(64L << 30, Token);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await hash.DisposeAsync();

        // Hashing 64 GiB would take half a minute or more; a stopped worker returns at once.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"DisposeAsync took {watch.Elapsed}.");
        await Assert.ThrowsAnyAsync<Exception>(hash.CompleteAsync);
    }
}
