using Basalt.Compose.Definition;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Definition;

public sealed class DiskSizesTests
{
    [Theory]
    [InlineData("512M", 512L << 20)]
    [InlineData("2G", 2L << 30)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("1T", 1L << 40)]
    [InlineData("64K", 64L << 10)]
    public void TryParse_SizeWithUnit_IsBinary(string text, long expected)
    {
        Assert.True(DiskSizes.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("512")]
    [InlineData("2GB")]
    [InlineData("1.5G")]
    [InlineData("-1G")]
    [InlineData("17T")]
    [InlineData("999999999999999T")]
    public void TryParse_NotASize_IsFalse(string text)
    {
        Assert.False(DiskSizes.TryParse(text, out _));
    }

    /// <summary>The verity size rule agrees with what veritysetup format writes (superblock plus every tree level).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(16384)]
    [InlineData(16385)]
    public void VerityBytes_DataBlocks_MatchesVeritysetup(long blocks)
    {
        var veritysetup = ExternalTool.Require("veritysetup", "cryptsetup-bin");
        using var directory = new TempDirectory("compose-verity");
        using (var data = File.Create(directory.Path("data")))
        {
            data.SetLength(blocks * 4096);
        }

        var result = ExternalTool.Run(veritysetup,
            ["format", directory.Path("data"), directory.Path("hash"), "--salt", "00", "--uuid", "00000000-0000-0000-0000-000000000000"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new FileInfo(directory.Path("hash")).Length, DiskSizes.VerityBytes(blocks * 4096));
    }

    [Fact]
    public void MinimumVerity_TwoGigabytes_RoundsTheTreeUpToWholeMebibytes()
    {
        // 524288 data blocks: 4096 + 32 + 1 tree blocks and the superblock = 4130 blocks, 16.1 MiB.
        Assert.Equal(4130L * 4096, DiskSizes.VerityBytes(2L << 30));
        Assert.Equal(17L << 20, DiskSizes.MinimumVerity(2L << 30));
        Assert.Equal(32L << 20, DiskSizes.DefaultVerity(2L << 30));
    }
}
