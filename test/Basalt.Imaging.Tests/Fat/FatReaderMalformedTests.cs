using System.Buffers.Binary;
using System.Text;
using Basalt.Imaging.Fat;
using Basalt.Imaging.Tree;

namespace Basalt.Imaging.Tests.Fat;

/// <summary>Damaged volumes made by patching FatWriter output (FAT32: 32 reserved sectors, FAT entries of 4 bytes).</summary>
public sealed class FatReaderMalformedTests
{
    private const int FatOffset = 32 * 512;

    private static async Task<byte[]> VolumeAsync()
    {
        var tree = new FileTree { DefaultTimestamp = new FileTimestamp(1_700_000_000) };
        tree.AddFile("/SUBDIR/FILE.BIN", new byte[2000]);
        tree.AddFile("/SMALL.TXT", "x"u8.ToArray());
        using var stream = new MemoryStream();
        await FatWriter.WriteAsync(tree, stream, new FatOptions { SizeBytes = 40L * 1024 * 1024 }, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static FatReader Open(byte[] volume) => FatReader.Open(new MemoryStream(volume, writable: false), "'esp.img'");

    private static uint FirstCluster(byte[] volume, string path) => Open(volume).GetEntry(path).FirstCluster;

    [Fact]
    public async Task ReadAllBytes_ChainLoopsBack_ThrowsNamingCluster()
    {
        var volume = await VolumeAsync();
        var first = FirstCluster(volume, "/SUBDIR/FILE.BIN");
        BinaryPrimitives.WriteUInt32LittleEndian(volume.AsSpan(FatOffset + (int)((first + 1) * 4)), first);

        var error = Assert.Throws<InvalidDataException>(() => Open(volume).ReadAllBytes("/SUBDIR/FILE.BIN", long.MaxValue));
        Assert.Equal($"'esp.img': the cluster chain of file '/SUBDIR/FILE.BIN' loops back to cluster {first} (FAT entry at offset {FatOffset + (first * 4)}).", error.Message);
    }

    [Fact]
    public async Task ReadAllBytes_NextClusterOutOfRange_ThrowsNamingFatEntry()
    {
        var volume = await VolumeAsync();
        var first = FirstCluster(volume, "/SUBDIR/FILE.BIN");
        BinaryPrimitives.WriteUInt32LittleEndian(volume.AsSpan(FatOffset + (int)(first * 4)), 0x0FFFFFF0);

        var error = Assert.Throws<InvalidDataException>(() => Open(volume).ReadAllBytes("/SUBDIR/FILE.BIN", long.MaxValue));
        Assert.StartsWith($"'esp.img': FAT entry of cluster {first} at offset {FatOffset + (first * 4)} (file '/SUBDIR/FILE.BIN') names cluster 268435440, outside the data clusters 2–", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAllBytes_ChainEndsEarly_ThrowsNamingCluster()
    {
        var volume = await VolumeAsync();
        var first = FirstCluster(volume, "/SUBDIR/FILE.BIN");
        BinaryPrimitives.WriteUInt32LittleEndian(volume.AsSpan(FatOffset + (int)(first * 4)), 0x0FFFFFFF);

        var error = Assert.Throws<InvalidDataException>(() => Open(volume).ReadAllBytes("/SUBDIR/FILE.BIN", long.MaxValue));
        Assert.Equal($"'esp.img': the cluster chain of file '/SUBDIR/FILE.BIN' ends at cluster {first} after 512 of its 2000 bytes.", error.Message);
    }

    [Fact]
    public async Task ListDirectory_DirectoryClusterBeyondVolume_ThrowsNamingCluster()
    {
        var volume = await VolumeAsync();
        var entry = volume.AsSpan().IndexOf("SUBDIR     \u0010"u8);
        BinaryPrimitives.WriteUInt16LittleEndian(volume.AsSpan(entry + 20), 0x0100); // cluster 0x01000000 + low bits
        var low = BinaryPrimitives.ReadUInt16LittleEndian(volume.AsSpan(entry + 26));

        var error = Assert.Throws<InvalidDataException>(() => Open(volume).ListDirectory("/SUBDIR"));
        Assert.StartsWith($"'esp.img': first cluster of directory '/SUBDIR' (directory '/SUBDIR') names cluster {0x01000000 + low}, outside the data clusters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_VolumeLargerThanPartition_ThrowsNamingSizes()
    {
        var volume = await VolumeAsync();
        var error = Assert.Throws<InvalidDataException>(() => FatReader.Open(new MemoryStream(volume, 0, 1024 * 1024), "'esp.img'"));
        Assert.Equal($"'esp.img': the boot sector describes a {volume.Length}-byte volume, but only 1048576 bytes are there.", error.Message);
    }

    [Fact]
    public void TryOpen_NotFat_ReturnsFalse()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        Assert.False(FatReader.TryOpen(new MemoryStream(bytes), "random", out _));
        var error = Assert.Throws<InvalidDataException>(() => FatReader.Open(new MemoryStream(new byte[4096]), "'zeros'"));
        Assert.Contains("'zeros': no FAT boot sector", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAllBytes_LargerThanLimit_RefusesBeforeReading()
    {
        var volume = await VolumeAsync();
        var error = Assert.Throws<InvalidDataException>(() => Open(volume).ReadAllBytes("/SUBDIR/FILE.BIN", 1000));
        Assert.Equal("'esp.img': '/SUBDIR/FILE.BIN' is 2000 bytes, more than the 1000 allowed.", error.Message);
        Assert.Throws<FileNotFoundException>(() => Open(volume).ReadAllBytes("/SUBDIR/NOPE", 10));
        Assert.Throws<IOException>(() => Open(volume).ReadAllBytes("/SUBDIR", 10));
    }

    [Fact]
    public async Task ListDirectory_MismatchedLongNameChecksum_FallsBackToShortName()
    {
        var tree = new FileTree { DefaultTimestamp = new FileTimestamp(1_700_000_000) };
        tree.AddFile("/a long name.txt", "x"u8.ToArray());
        using var stream = new MemoryStream();
        await FatWriter.WriteAsync(tree, stream, new FatOptions { SizeBytes = 40L * 1024 * 1024 }, TestContext.Current.CancellationToken);
        var volume = stream.ToArray();
        var shortEntry = volume.AsSpan().IndexOf(Encoding.ASCII.GetBytes("ALONGN~1TXT"));
        volume[shortEntry - 32 + 13] ^= 0xFF; // the long entry's checksum byte

        Assert.Equal(["ALONGN~1.TXT"], Open(volume).ListDirectory("/").Select(e => e.Name));
    }
}
