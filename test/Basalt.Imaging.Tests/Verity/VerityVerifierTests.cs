using Basalt.Imaging.Verity;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Verity;

public sealed class VerityVerifierTests
{
    private const long Blocks = 1000;

    [Fact]
    public async Task VerifyAsync_VeritysetupHashFile_Valid()
    {
        using var temp = new TempDirectory("verity");
        var data = temp.Path("data");
        VerityHarness.WriteData(data, Blocks, 11);
        var root = VerityHarness.ReferenceFormat(data, temp.Path("hash"));
        var result = await VerityVerifier.VerifyAsync(data, temp.Path("hash"), Convert.FromHexString(root), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.IsValid, result.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4096 * 517 + 9)]
    [InlineData(4096 * Blocks - 1)]
    public async Task VerifyAsync_OneDataByteChanged_BothToolsReportBlock(long offset)
    {
        using var temp = new TempDirectory("verity");
        var (data, hash, root) = await FormatAsync(temp);
        VerityHarness.FlipByte(data, offset);

        var result = await VerityVerifier.VerifyAsync(data, hash, root, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.IsValid);
        Assert.Equal(offset / 4096, result.DataBlock);
        Assert.Equal($"Data block {offset / 4096} (offset {offset / 4096 * 4096}) does not match its hash.", result.Message);
        var reference = VerityHarness.ReferenceVerify(data, hash, Convert.ToHexStringLower(root));
        Assert.NotEqual(0, reference.ExitCode);
        Assert.Contains($"Verification failed at position {offset / 4096 * 4096}.", reference.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4096 + 5, 1)]           // the top (level 1) block: caught by the root hash
    [InlineData((2 * 4096) + 100, 0)]   // a level-0 block: caught by its parent
    [InlineData((10 * 4096) - 1, 0)]    // the zero padding at the end of the last level-0 block (104 of 128 digests used)
    public async Task VerifyAsync_OneHashByteChanged_BothToolsFail(long offset, int level)
    {
        using var temp = new TempDirectory("verity");
        var (data, hash, root) = await FormatAsync(temp);
        VerityHarness.FlipByte(hash, offset);

        var result = await VerityVerifier.VerifyAsync(data, hash, root, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.IsValid);
        Assert.Equal(offset / 4096 * 4096, result.HashFileOffset);
        Assert.Null(result.DataBlock);
        Assert.Contains(level == 1 ? "Root hash does not match" : "(tree level 0)", result.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, VerityHarness.ReferenceVerify(data, hash, Convert.ToHexStringLower(root)).ExitCode);
    }

    [Fact]
    public async Task VerifyAsync_WrongRootHash_Fails()
    {
        using var temp = new TempDirectory("verity");
        var (data, hash, root) = await FormatAsync(temp);
        root[0] ^= 0x80;
        var result = await VerityVerifier.VerifyAsync(data, hash, root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Root hash does not match the top of the hash tree.", result.Message);
    }

    [Fact]
    public async Task VerifyAsync_TruncatedHashFile_ThrowsWithSizes()
    {
        using var temp = new TempDirectory("verity");
        var (data, hash, root) = await FormatAsync(temp);
        using (var stream = new FileStream(hash, FileMode.Open)) { stream.SetLength(3 * 4096); }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => VerityVerifier.VerifyAsync(data, hash, root, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal($"Hash file '{hash}' is truncated: 12288 bytes, the tree for 1000 data blocks needs 40960.", error.Message);
    }

    [Fact]
    public async Task VerifyAsync_HashFileShorterThanSuperblock_Throws()
    {
        using var temp = new TempDirectory("verity");
        File.WriteAllBytes(temp.Path("hash"), new byte[100]);
        File.WriteAllBytes(temp.Path("data"), new byte[4096]);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => VerityVerifier.VerifyAsync(temp.Path("data"), temp.Path("hash"), new byte[32], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal($"Hash file '{temp.Path("hash")}' is truncated: no 512-byte superblock at offset 0.", error.Message);
    }

    [Theory]
    [InlineData(0, 0x00, "has no verity superblock at offset 0 (signature 'verity' missing)")]
    [InlineData(8, 0x02, "has unsupported superblock version 2 (expected 1)")]
    [InlineData(12, 0x00, "has unsupported hash type 0 (expected 1)")]
    [InlineData(32, (byte)'x', "has unsupported hash algorithm 'xha256' (expected 'sha256')")]
    [InlineData(65, 0x02, "has unsupported block sizes 512/4096 (expected 4096/4096)")]
    [InlineData(81, 0x02, "has unsupported salt size 544 (at most 256)")]
    public async Task VerifyAsync_BadSuperblockField_ThrowsNamingField(int offset, byte value, string message)
    {
        using var temp = new TempDirectory("verity");
        var (data, hash, root) = await FormatAsync(temp);
        var bytes = File.ReadAllBytes(hash);
        bytes[offset] = value;
        File.WriteAllBytes(hash, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => VerityVerifier.VerifyAsync(data, hash, root, cancellationToken: TestContext.Current.CancellationToken));
        Assert.EndsWith(message + ".", error.Message.Replace($"Hash file '{hash}' ", "").Replace($"Verity superblock in '{hash}' ", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_TruncatedData_ThrowsNamingBothFiles()
    {
        using var temp = new TempDirectory("verity");
        var (data, hash, root) = await FormatAsync(temp);
        using (var stream = new FileStream(data, FileMode.Open)) { stream.SetLength(4096 * 10); }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => VerityVerifier.VerifyAsync(data, hash, root, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal($"Data file '{data}' is truncated: 40960 bytes, the superblock of '{hash}' records 1000 blocks of 4096.", error.Message);
    }

    private static async Task<(string Data, string Hash, byte[] Root)> FormatAsync(TempDirectory temp)
    {
        var data = temp.Path("data");
        VerityHarness.WriteData(data, Blocks, 3);
        var result = await VerityFormatter.FormatAsync(data, temp.Path("hash"), VerityHarness.Options(), TestContext.Current.CancellationToken);
        return (data, temp.Path("hash"), result.RootHash);
    }
}
