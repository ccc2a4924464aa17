using Basalt.Imaging.Verity;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Verity;

public sealed class VerityFormatterTests
{
    [Theory]
    [InlineData(1)]      // no tree levels: the root hash is the digest of the single block
    [InlineData(2)]
    [InlineData(128)]    // one full level-0 block
    [InlineData(129)]    // two levels
    [InlineData(1000)]
    [InlineData(16385)]  // 128 * 128 + 1 blocks: three levels
    public async Task FormatAsync_SameDataSaltUuid_ByteIdenticalToVeritysetup(long blocks)
    {
        using var temp = new TempDirectory("verity");
        var data = temp.Path("data");
        VerityHarness.WriteData(data, blocks, (int)blocks);
        var expectedRoot = VerityHarness.ReferenceFormat(data, temp.Path("reference.hash"));

        var result = await VerityFormatter.FormatAsync(data, temp.Path("ours.hash"), VerityHarness.Options(), TestContext.Current.CancellationToken);

        Assert.Equal(expectedRoot, result.RootHashHex);
        Assert.Equal(File.ReadAllBytes(temp.Path("reference.hash")), File.ReadAllBytes(temp.Path("ours.hash")));
        Assert.Equal(new FileInfo(temp.Path("ours.hash")).Length, result.HashDeviceSize);
        Assert.Equal(0, VerityHarness.ReferenceVerify(data, temp.Path("ours.hash"), result.RootHashHex).ExitCode);
    }

    [Fact]
    public async Task FormatAsync_AppendedWithHashOffset_ByteIdenticalToVeritysetup()
    {
        using var temp = new TempDirectory("verity");
        const long blocks = 300;
        const long offset = blocks * 4096;
        var ours = temp.Path("ours.img");
        var reference = temp.Path("reference.img");
        VerityHarness.WriteData(ours, blocks, 5);
        File.Copy(ours, reference);
        var expectedRoot = VerityHarness.ReferenceFormat(reference, reference, offset);

        var result = await VerityFormatter.FormatAsync(ours, ours, VerityHarness.Options(offset) with { DataBlocks = blocks }, TestContext.Current.CancellationToken);

        Assert.Equal(expectedRoot, result.RootHashHex);
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(ours));
        Assert.Equal(0, VerityHarness.ReferenceVerify(ours, ours, result.RootHashHex, offset).ExitCode);
        var verified = await VerityVerifier.VerifyAsync(ours, ours, result.RootHash, offset, TestContext.Current.CancellationToken);
        Assert.True(verified.IsValid, verified.Message);
    }

    [Fact]
    public async Task FormatAsync_DataNotWholeBlocks_UsesWholeBlocksLikeVeritysetup()
    {
        using var temp = new TempDirectory("verity");
        var data = temp.Path("data");
        File.WriteAllBytes(data, new byte[(3 * 4096) + 100]);
        var expectedRoot = VerityHarness.ReferenceFormat(data, temp.Path("reference.hash"));
        var result = await VerityFormatter.FormatAsync(data, temp.Path("ours.hash"), VerityHarness.Options(), TestContext.Current.CancellationToken);
        Assert.Equal(expectedRoot, result.RootHashHex);
        Assert.Equal(3, result.Superblock.DataBlocks);
    }

    [Fact]
    public async Task FormatAsync_EmptyData_ThrowsNamingFile()
    {
        using var temp = new TempDirectory("verity");
        File.WriteAllBytes(temp.Path("data"), new byte[100]);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            VerityFormatter.FormatAsync(temp.Path("data"), temp.Path("hash"), VerityHarness.Options(), TestContext.Current.CancellationToken));
        Assert.Equal($"Data file '{temp.Path("data")}' has 100 bytes: 0 whole 4096-byte blocks, but 0 are needed.", error.Message);
        Assert.False(File.Exists(temp.Path("hash")));
    }

    [Fact]
    public async Task FormatAsync_StreamShorterThanDataBlocks_ThrowsWithMissingBytes()
    {
        using var data = new MemoryStream(new byte[4096]);
        using var hash = new MemoryStream();
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            VerityFormatter.FormatAsync(data, 3, hash, VerityHarness.Options(), TestContext.Current.CancellationToken));
        Assert.Equal("'data stream' ended early: 8192 bytes missing from the data blocks.", error.Message);
    }

    [Fact]
    public async Task FormatAsync_Streams_SameRootAsFiles()
    {
        using var temp = new TempDirectory("verity");
        VerityHarness.WriteData(temp.Path("data"), 300, 21);
        var fromFiles = await VerityFormatter.FormatAsync(temp.Path("data"), temp.Path("hash"), VerityHarness.Options(), TestContext.Current.CancellationToken);
        using var data = File.OpenRead(temp.Path("data"));
        using var hash = new MemoryStream();
        var fromStreams = await VerityFormatter.FormatAsync(data, 300, hash, VerityHarness.Options(), TestContext.Current.CancellationToken);
        Assert.Equal(fromFiles.RootHashHex, fromStreams.RootHashHex);
        Assert.Equal(File.ReadAllBytes(temp.Path("hash")), hash.ToArray());
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(128, 1)]
    [InlineData(129, 2)]
    [InlineData(16384, 2)]
    [InlineData(16385, 3)]
    public void Geometry_DataBlocks_LevelsAsVeritysetup(long blocks, int levels)
    {
        var geometry = new VerityGeometry(blocks, 0);
        Assert.Equal(levels, geometry.Levels);
        Assert.Equal(geometry.LevelBlocks.Sum(), geometry.HashBlocks);
    }
}
