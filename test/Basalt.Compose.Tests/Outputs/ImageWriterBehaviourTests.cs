using System.Diagnostics;
using Basalt.Compose.Definition;
using Basalt.Compose.Layout;
using Basalt.Compose.Outputs;
using Basalt.Compose.Tests.Layout;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Outputs;

public sealed class ImageWriterBehaviourTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_TwiceInDifferentFolders_IsByteIdentical()
    {
        using var directory = new TempDirectory("compose-repro");
        var definition = LayoutFixture.Definition();
        var first = await ImageWriter.WriteAsync(ImmutableLayout.Build(LayoutFixture.Root(), definition, LayoutFixture.Epoch), definition, BuiltImage.Packages,
            LayoutFixture.Epoch, directory.Path("a", "out"), directory.Path("a", "scratch"), null, Token);
        var second = await ImageWriter.WriteAsync(ImmutableLayout.Build(LayoutFixture.Root(), definition, LayoutFixture.Epoch), definition, BuiltImage.Packages,
            LayoutFixture.Epoch, directory.Path("b", "elsewhere"), directory.Path("b", "tmp"), null, Token);

        Assert.Equal(first.Artifacts.Select(a => (a.Format, a.Bytes, a.Sha256)), second.Artifacts.Select(a => (a.Format, a.Bytes, a.Sha256)));
        Assert.Equal(first.Partitions, second.Partitions);
        Assert.Equal(first.KernelCommandLine, second.KernelCommandLine);
        var ociA = directory.Path("a", "out", "testos-1.2.3.oci");
        var ociB = directory.Path("b", "elsewhere", "testos-1.2.3.oci");
        var files = Directory.EnumerateFiles(ociA, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(ociA, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.EnumerateFiles(ociB, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(ociB, f)).Order(StringComparer.Ordinal).ToList());
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(ociA, f)), File.ReadAllBytes(Path.Combine(ociB, f))));
    }

    [Fact]
    public async Task WriteAsync_OtherSeed_ChangesDerivedUuidsButNotUsrContent()
    {
        using var directory = new TempDirectory("compose-seed");
        var definition = LayoutFixture.Definition(b => b.Outputs = [OutputFormat.Raw]);
        var other = definition with { Reproducibility = definition.Reproducibility with { Seed = "another-seed" } };
        var trees = ImmutableLayout.Build(LayoutFixture.Root(), definition, LayoutFixture.Epoch);

        var first = await ImageWriter.WriteAsync(trees, definition, [], LayoutFixture.Epoch, directory.Path("a"), directory.Path("s"), null, Token);
        var second = await ImageWriter.WriteAsync(trees, other, [], LayoutFixture.Epoch, directory.Path("b"), directory.Path("s"), null, Token);

        Assert.NotEqual(first.DiskGuid, second.DiskGuid);
        Assert.NotEqual(first.Partitions[0].PartitionUuid, second.Partitions[0].PartitionUuid);
        Assert.NotEqual(first.UsrRootHash, second.UsrRootHash); // the verity salt comes from the seed
        Assert.Equal(first.Partitions[1].ContentBytes, second.Partitions[1].ContentBytes);
    }

    [Theory]
    [InlineData("Writing the usr file system (EROFS)")]
    [InlineData("Writing the GPT disk (raw)")]
    [InlineData("Writing the VHD")]
    [InlineData("Writing the COSI file")]
    [InlineData("Writing the OCI image layout")]
    public async Task WriteAsync_CancelledDuringStage_LeavesOutputFolderAsItWas(string stage)
    {
        using var directory = new TempDirectory("compose-cancel");
        var output = directory.Path("out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "testos-1.2.3.raw"), "an earlier build");
        var definition = LayoutFixture.Definition();
        var trees = ImmutableLayout.Build(LayoutFixture.Root(), definition, LayoutFixture.Epoch);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var progress = new SynchronousProgress(message =>
        {
            if (message == stage)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ImageWriter.WriteAsync(trees, definition, [], LayoutFixture.Epoch, output, directory.Path("scratch"), progress, cancellation.Token));

        Assert.Equal(["testos-1.2.3.raw"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName).ToArray());
        Assert.Equal("an earlier build", File.ReadAllText(Path.Combine(output, "testos-1.2.3.raw")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path("scratch")));
    }

    [Fact]
    public async Task WriteAsync_UsrTooLarge_ThrowsNamingPartitionAndLeavesNothing()
    {
        using var directory = new TempDirectory("compose-small");
        var definition = LayoutFixture.Definition(b => b.Usr = 2 * LayoutFixture.MiB);
        var trees = ImmutableLayout.Build(LayoutFixture.Root(), definition, LayoutFixture.Epoch);

        var error = await Assert.ThrowsAsync<IOException>(() =>
            ImageWriter.WriteAsync(trees, definition, [], LayoutFixture.Epoch, directory.Path("out"), directory.Path("scratch"), null, Token));

        Assert.Contains("disk.partitions.usr", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path("out")));
    }

    [Fact]
    public async Task WriteAsync_VerityTreeTooLarge_ThrowsNamingPartitionAndLeavesNothing()
    {
        using var directory = new TempDirectory("compose-small-verity");
        var definition = LayoutFixture.Definition();
        // One 4 KiB block holds the superblock but not the hash block after it; the disk keeps its 1 MiB-aligned size.
        definition = definition with { Disk = definition.Disk with { Size = definition.Disk.TotalBytes, Partitions = definition.Disk.Partitions with { Verity = 4096 } } };
        var trees = ImmutableLayout.Build(LayoutFixture.Root(), definition, LayoutFixture.Epoch);

        var error = await Assert.ThrowsAsync<IOException>(() =>
            ImageWriter.WriteAsync(trees, definition, [], LayoutFixture.Epoch, directory.Path("out"), directory.Path("scratch"), null, Token));

        Assert.Equal("The usr verity hash tree (disk.partitions.verity) needs at least 12288 bytes; it does not fit its 4096-byte partition.", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path("out")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path("scratch")));
    }

    [Fact]
    public async Task WriteAsync_SingleSlotRawOnly_WritesThreePartitionsAndOnlyRaw()
    {
        using var directory = new TempDirectory("compose-one");
        var definition = LayoutFixture.Definition(b =>
        {
            b.AB = false;
            b.Outputs = [OutputFormat.Qcow2];
        });
        var trees = ImmutableLayout.Build(LayoutFixture.Root(withKernel: false), definition, LayoutFixture.Epoch);

        var result = await ImageWriter.WriteAsync(trees, definition, [], LayoutFixture.Epoch, directory.Path("out"), directory.Path("scratch"), null, Token);

        Assert.Equal(["esp", "usr-x86-64", "usr-x86-64-verity"], result.Partitions.Select(p => p.Name).ToArray());
        Assert.Equal(["testos-1.2.3.qcow2"], Directory.EnumerateFileSystemEntries(directory.Path("out")).Select(Path.GetFileName).ToArray());
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path("scratch")));
    }

    /// <summary>The sample's geometry: a 3 GiB disk with 1 GiB usr slots stays sparse, and the time is printed for the report.</summary>
    [Fact]
    public async Task WriteAsync_ThreeGibDiskWithOneGibSlots_StaysSparse()
    {
        using var directory = new TempDirectory("compose-big");
        var definition = LayoutFixture.Definition(b =>
        {
            b.Usr = 1024 * LayoutFixture.MiB;
            b.Esp = 128 * LayoutFixture.MiB;
            b.Size = 3072 * LayoutFixture.MiB;
            b.Outputs = [OutputFormat.Raw, OutputFormat.Vhd, OutputFormat.Qcow2];
        });
        definition = definition with { Disk = definition.Disk with { Partitions = definition.Disk.Partitions with { Verity = 16 * LayoutFixture.MiB } } };
        var trees = ImmutableLayout.Build(LayoutFixture.Root(), definition, LayoutFixture.Epoch);

        var watch = Stopwatch.StartNew();
        var result = await ImageWriter.WriteAsync(trees, definition, [], LayoutFixture.Epoch, directory.Path("out"), directory.Path("scratch"), null, Token);
        watch.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"3 GiB disk, 1 GiB usr slots, raw+vhd+qcow2: {watch.ElapsedMilliseconds} ms");

        var raw = result.Artifacts.Single(a => a.Format == "raw");
        Assert.Equal(3072 * LayoutFixture.MiB, raw.Bytes);
        var allocated = long.Parse(ExternalTool.Run("stat", ["-c", "%b", raw.Path]).EnsureSuccess("stat").StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture) * 512;
        Assert.True(allocated < 64 * LayoutFixture.MiB, $"the raw disk allocates {allocated} bytes");
    }
}
