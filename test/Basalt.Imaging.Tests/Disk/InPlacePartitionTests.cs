using System.Security.Cryptography;
using Basalt.Imaging.Disk;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Disk;

/// <summary>
/// Partitions written straight into the disk through <see cref="PartitionWriteStream"/> and then declared in place must
/// give the same disk, and the same disk hash, as contents copied in by the builder.
/// </summary>
public sealed class InPlacePartitionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_InPlaceContents_SameBytesAndHashAsCopiedContents()
    {
        using var temp = new TempDirectory();
        var copied = SampleDisk.Build();
        var path = temp.Path("disk.raw");
        var hash = new DiskHash(HashAlgorithmName.SHA256, Token);
        await using (hash)
        {
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                var planned = SampleDisk.Builder().Plan();
                file.SetLength(planned.SizeBytes);
                foreach (var entry in planned.Entries)
                {
                    using var partition = new PartitionWriteStream(file, entry.Partition.OffsetBytes, entry.Partition.SizeBytes, $"partition '{entry.Partition.Name}'");
                    if (entry.Content is { } content)
                    {
                        using var source = content.OpenRead();
                        await source.CopyToAsync(partition, Token);
                    }
                }

                await SampleDisk.Builder(inPlace: true).WriteAsync(file, hash, Token);
            }

            using var state = await hash.CompleteAsync();
            Assert.Equal(copied, File.ReadAllBytes(path));
            Assert.Equal(SHA256.HashData(copied), state.GetHashAndReset());
        }
    }

    [Fact]
    public async Task WriteAsync_InPlaceIntoEmptyStream_ThrowsNamingTheSize()
    {
        using var stream = new MemoryStream();
        var builder = SampleDisk.Builder(inPlace: true);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => builder.WriteAsync(stream, Token));

        Assert.StartsWith($"The destination must be the {builder.Plan().SizeBytes}-byte disk the in-place partitions were written into.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PastThePartition_ThrowsNamingItAndWritesNothing()
    {
        using var disk = new MemoryStream(new byte[64]);
        using var partition = new PartitionWriteStream(disk, 16, 32, "the usr verity hash tree (disk.partitions.verity)");
        partition.Write(new byte[] { 1, 2, 3 });

        var error = Assert.Throws<IOException>(() => partition.Write(new byte[30]));

        Assert.Equal("The usr verity hash tree (disk.partitions.verity) needs at least 33 bytes; it does not fit its 32-byte partition.", error.Message);
        Assert.Equal(3, partition.Length);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 0 }, disk.ToArray()[15..20]);
        Assert.Throws<IOException>(() => partition.SetLength(33));
        Assert.Throws<NotSupportedException>(() => partition.SetLength(2));
    }

    [Fact]
    public void ReadAndSeek_SeeOnlyWhatWasWritten()
    {
        using var disk = new MemoryStream(new byte[64]);
        using var partition = new PartitionWriteStream(disk, 8, 16, "the ESP");
        partition.Position = 4;
        partition.Write(new byte[] { 9, 9 });
        partition.SetLength(10);

        partition.Position = 0;
        var read = new byte[16];
        Assert.Equal(10, partition.Read(read));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 9, 9, 0, 0, 0, 0 }, read[..10]);
        Assert.Equal(10, partition.Seek(0, SeekOrigin.End));
        Assert.Equal(0, partition.Read(read));
    }
}
