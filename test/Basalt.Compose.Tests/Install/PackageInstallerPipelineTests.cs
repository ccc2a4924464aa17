using System.Text;
using Basalt.Compose.Install;
using Basalt.Imaging.Tree;
using Basalt.Rpm.Format;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Install;

/// <summary>Payloads are decoded several at a time; the tree, the result and every error must be those of one-by-one installation.</summary>
public sealed class PackageInstallerPipelineTests
{
    [Fact]
    public async Task InstallAsync_ManyPackagesWithSpooledContents_EveryContentAndRecordInInstallOrder()
    {
        using var temp = new TempDirectory();
        var packages = Enumerable.Range(0, 12).Select(i => TestPackages.Build(temp, $"p{i:D2}", new Dictionary<string, byte[]>
        {
            [$"/usr/lib/p{i:D2}/big"] = Content(i, 70_000 + (i * 4096)),
            [$"/usr/lib/p{i:D2}/small"] = Content(i, 100),
            ["/usr/share/common/README"] = TestPackages.Text("shared\n"),
        })).ToArray();
        var tree = new FileTree();
        var reports = new List<InstallProgress>();

        var result = await PackageInstaller.InstallAsync(tree, packages, PackageInstallerTests.Options(PackageInstallerTests.PrepareScratch(temp)),
            new SynchronousProgress(reports.Add), TestContext.Current.CancellationToken);

        for (var i = 0; i < packages.Length; i++)
        {
            Assert.Equal(Content(i, 70_000 + (i * 4096)), ((RegularFileNode)tree.Get($"/usr/lib/p{i:D2}/big")).Content.ReadAllBytes());
            Assert.Equal(Content(i, 100), ((RegularFileNode)tree.Get($"/usr/lib/p{i:D2}/small")).Content.ReadAllBytes());
        }

        Assert.Equal(packages.Select(p => p.Nevra), result.Packages.Select(p => p.File.Nevra));
        Assert.Equal(packages.Select(p => p.Nevra), reports.Select(r => r.CurrentPackage));
        Assert.Equal(Enumerable.Range(1, packages.Length), reports.Select(r => r.PackagesDone));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task InstallAsync_UncompressedPayloadDigestDisagrees_ThrowsNamingThePackageAndDeletesTheSpool()
    {
        using var temp = new TempDirectory();
        var first = TestPackages.Build(temp, "first", new Dictionary<string, byte[]> { ["/a"] = Content(1, 100_000) });
        var damaged = TestPackages.Build(temp, "damaged", new Dictionary<string, byte[]> { ["/b"] = Content(2, 100_000) });
        var last = TestPackages.Build(temp, "last", new Dictionary<string, byte[]> { ["/c"] = Content(3, 100_000) });
        var alt = AlterPayloadDigestAlt(damaged.Path);
        var scratch = PackageInstallerTests.PrepareScratch(temp);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => PackageInstaller.InstallAsync(new FileTree(), [first, damaged, last],
            PackageInstallerTests.Options(scratch), null, TestContext.Current.CancellationToken));

        Assert.Equal($"'{damaged.Path}': the uncompressed payload's digest {alt} does not match the header's PAYLOADDIGESTALT 00000000{alt[8..]}.",
            error.Message);
        Assert.Empty(Directory.GetFiles(scratch));
    }

    [Fact]
    public async Task InstallAsync_ConflictAcrossDistantPackages_ReportedInInstallOrder()
    {
        using var temp = new TempDirectory();
        var packages = Enumerable.Range(0, 8).Select(i => TestPackages.Build(temp, $"q{i}", new Dictionary<string, byte[]>
        {
            ["/etc/shared"] = TestPackages.Text(i is 1 or 6 ? $"v{i}\n" : "v1\n"),
        })).ToArray();

        var error = await Assert.ThrowsAsync<FileConflictException>(() => PackageInstallerTests.Install(temp, new FileTree(), packages));

        Assert.Equal(["file /etc/shared from install of q6-1-1.noarch conflicts with file from package q5-1-1.noarch"], error.Conflicts);
    }

    [Fact]
    public async Task InstallAsync_SpooledContent_IsSeekableSoAWriterCanReadOnlyTheTail()
    {
        using var temp = new TempDirectory();
        var big = Content(5, 200_003);
        var package = TestPackages.Build(temp, "big", new Dictionary<string, byte[]> { ["/usr/lib/big"] = big });
        var tree = new FileTree();

        await PackageInstallerTests.Install(temp, tree, package);

        var content = ((RegularFileNode)tree.Get("/usr/lib/big")).Content;
        Assert.False(content.TryGetMemory(out _));
        using var stream = content.OpenRead();
        Assert.True(stream.CanSeek);
        Assert.Equal(big.Length, stream.Length);
        stream.Position = big.Length - 3;
        var tail = new byte[8];
        Assert.Equal(3, stream.Read(tail));
        Assert.Equal(big[^3..], tail[..3]);
        Assert.Equal(0, stream.Read(tail));
        Assert.Throws<IOException>(() => stream.Seek(1, SeekOrigin.End));
    }

    private static byte[] Content(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Overwrites the first 8 hex digits of PAYLOADDIGESTALT in the header; returns the true digest.</summary>
    private static string AlterPayloadDigestAlt(string package)
    {
        var header = RpmPackageHeaders.Read(package).Header;
        var alt = header.GetStrings(RpmTag.PayloadDigestAlt).Single();
        Assert.NotEqual(alt, header.GetStrings(RpmTag.PayloadDigest).Single());
        var bytes = File.ReadAllBytes(package);
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(alt));
        Assert.True(at > 0);
        Encoding.ASCII.GetBytes("00000000").CopyTo(bytes, at);
        File.WriteAllBytes(package, bytes);
        return alt;
    }

    private sealed class SynchronousProgress(Action<InstallProgress> report) : IProgress<InstallProgress>
    {
        public void Report(InstallProgress value) => report(value);
    }
}
