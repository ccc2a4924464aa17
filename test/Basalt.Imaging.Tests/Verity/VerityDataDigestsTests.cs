using Basalt.Imaging.Erofs;
using Basalt.Imaging.Tests.Erofs;
using Basalt.Imaging.Tree;
using Basalt.Imaging.Verity;
using Basalt.TestInfrastructure;

namespace Basalt.Imaging.Tests.Verity;

/// <summary>
/// The hash device made from digests gathered while an EROFS image is written must be the one made by reading the image
/// back, and the one veritysetup accepts: same bytes, same root hash.
/// </summary>
public sealed class VerityDataDigestsTests
{
    public static TheoryData<string> Shapes => ["mixed", "many", "large-files"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task FormatAsync_DigestsFromParallelErofsWrite_EqualReadBackAndVeritysetup(string shape)
    {
        using var temp = new TempDirectory();
        var tree = Shape(shape, temp);
        var image = temp.Path("usr.erofs");
        var digests = new VerityDataDigests(VerityHarness.Options().Salt);
        await ErofsWriter.WriteFileAsync(tree, image, ErofsHarness.Options, digests, TestContext.Current.CancellationToken);

        var fused = await VerityFormatter.FormatAsync(digests, temp.Path("fused.verity"), VerityHarness.Options(), TestContext.Current.CancellationToken);
        var readBack = await VerityFormatter.FormatAsync(image, temp.Path("read-back.verity"), VerityHarness.Options(), TestContext.Current.CancellationToken);

        Assert.Equal(readBack.RootHashHex, fused.RootHashHex);
        Assert.Equal(File.ReadAllBytes(temp.Path("read-back.verity")), File.ReadAllBytes(temp.Path("fused.verity")));
        Assert.Equal(VerityHarness.ReferenceFormat(image, temp.Path("reference.verity")), fused.RootHashHex);
        Assert.Equal(0, VerityHarness.ReferenceVerify(image, temp.Path("fused.verity"), fused.RootHashHex).ExitCode);
    }

    [Fact]
    public async Task FormatAsync_DigestsFromSequentialErofsWrite_EqualReadBack()
    {
        using var temp = new TempDirectory();
        var digests = new VerityDataDigests(VerityHarness.Options().Salt);
        using var memory = new MemoryStream();
        await ErofsWriter.WriteAsync(TreeShapes.Mixed(), memory, ErofsHarness.Options, digests, TestContext.Current.CancellationToken);
        File.WriteAllBytes(temp.Path("usr.erofs"), memory.ToArray());

        var fused = await VerityFormatter.FormatAsync(digests, temp.Path("fused.verity"), VerityHarness.Options(), TestContext.Current.CancellationToken);
        var readBack = await VerityFormatter.FormatAsync(temp.Path("usr.erofs"), temp.Path("read-back.verity"), VerityHarness.Options(), TestContext.Current.CancellationToken);

        Assert.Equal(readBack.RootHashHex, fused.RootHashHex);
        Assert.Equal(File.ReadAllBytes(temp.Path("read-back.verity")), File.ReadAllBytes(temp.Path("fused.verity")));
    }

    [Fact]
    public async Task FormatAsync_BlockNeverShown_ThrowsAndWritesNoHashFile()
    {
        using var temp = new TempDirectory();
        var digests = new VerityDataDigests(VerityHarness.Options().Salt);
        digests.Begin(3, 4096);
        digests.Blocks(0, new byte[2 * 4096]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => VerityFormatter.FormatAsync(digests, temp.Path("hash"), VerityHarness.Options(), TestContext.Current.CancellationToken));
        Assert.Equal("The writer showed 2 blocks of a 3-block image to the verity digests.", error.Message);
        Assert.Empty(Directory.GetFiles(temp.FullPath));
    }

    [Fact]
    public async Task FormatAsync_OtherSalt_Throws()
    {
        using var temp = new TempDirectory();
        var digests = new VerityDataDigests(new byte[] { 1, 2, 3 });
        digests.Begin(1, 4096);
        digests.Blocks(0, new byte[4096]);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => VerityFormatter.FormatAsync(digests, temp.Path("hash"), VerityHarness.Options(), TestContext.Current.CancellationToken));
        Assert.StartsWith("The verity options' salt differs from the salt the data digests were made with.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocks_OutsideTheImageOrPartial_Throw()
    {
        var digests = new VerityDataDigests(new byte[] { 1 });
        Assert.Throws<InvalidOperationException>(() => digests.Blocks(0, new byte[4096]));
        digests.Begin(2, 4096);
        Assert.Throws<ArgumentOutOfRangeException>(() => digests.Blocks(1, new byte[2 * 4096]));
        Assert.Throws<ArgumentException>(() => digests.Blocks(0, new byte[100]));
        Assert.Throws<InvalidOperationException>(() => digests.Begin(2, 4096));
        Assert.Throws<ArgumentException>(() => new VerityDataDigests(new byte[] { 1 }).Begin(2, 1024));
    }

    private static FileTree Shape(string shape, TempDirectory temp) => shape switch
    {
        "mixed" => TreeShapes.Mixed(),
        "many" => GeneratedShapes.ManySmallFiles(3000),
        "large-files" => GeneratedShapes.LargeFiles(temp.FullPath, 5 << 20, (1 << 20) + 17, 4096, 4095, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };
}
