using System.Security.Cryptography;
using Basalt.Compose.Outputs;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Outputs;

/// <summary>ArtifactHash reads data one chunk ahead and feeds holes from memory; the digest must be the plain file's SHA-256.</summary>
public sealed class ArtifactHashTests
{
    [Theory]
    [InlineData(0L, new long[0])]
    [InlineData(5_000_000L, new long[0])]
    [InlineData(10_000_000L, new long[] { 0, 3 })]
    [InlineData(10_000_000L, new long[] { 4_096, 1_234_567, 3_000_000, 1_048_576 * 3 + 17 })]
    [InlineData(10_000_000L, new long[] { 9_000_000, 999_999 })]
    [InlineData(7_340_033L, new long[] { 0, 2_097_152, 5_242_880, 2_097_153 })]
    public async Task OfFileAsync_SparseFileWithDataRuns_EqualsSha256sumOfTheWholeFile(long length, long[] runs)
    {
        using var temp = new TempDirectory();
        var path = temp.Path("disk.raw");
        using (var file = File.Create(path))
        {
            file.SetLength(length);
            for (var i = 0; i + 1 < runs.Length; i += 2)
            {
                var data = new byte[runs[i + 1]];
                new Random((int)runs[i]).NextBytes(data);
                file.Position = runs[i];
                file.Write(data);
            }
        }

        using var hash = await ArtifactHash.OfFileAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(length, hash.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), hash.Hex);
        ExternalTool.Require("sha256sum", "coreutils");
        Assert.StartsWith(hash.Hex + " ", ExternalTool.Run("sha256sum", [path]).StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HexWith_Suffix_EqualsTheHashOfFileThenSuffix()
    {
        using var temp = new TempDirectory();
        var path = temp.Path("disk.raw");
        var data = new byte[3_000_000];
        new Random(7).NextBytes(data);
        File.WriteAllBytes(path, data);

        using var hash = await ArtifactHash.OfFileAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([.. data, 1, 2, 3])), hash.HexWith([1, 2, 3]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), hash.Hex);
    }
}
