using System.Text;
using Basalt.Compose.Install;
using Basalt.Imaging.Tree;
using Basalt.Rpm.Format;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Install;

/// <summary>
/// Packages that arrive while others are still being fetched: each is decoded when it arrives, the tree is built in
/// install order whatever the order of arrival, and a failed or cancelled arrival stops the installation cleanly.
/// </summary>
public sealed class PackageInstallerArrivalTests
{
    [Fact]
    public async Task InstallAsync_PackagesArriveInReverseOrder_PlacedInInstallOrder()
    {
        using var temp = new TempDirectory();
        var packages = Enumerable.Range(0, 6).Select(i => TestPackages.Build(temp, $"r{i}", new Dictionary<string, byte[]>
        {
            [$"/usr/lib/r{i}/big"] = Content(i, 70_000 + i),
            ["/etc/shared"] = TestPackages.Text("same\n"),
        })).ToArray();
        var arrivals = packages.Select(_ => new TaskCompletionSource<PackageFile>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var reports = new List<InstallProgress>();
        var tree = new FileTree();

        var installing = PackageInstaller.InstallAsync(tree, packages.Length, i => arrivals[i].Task,
            PackageInstallerTests.Options(PackageInstallerTests.PrepareScratch(temp)), new SynchronousProgress(reports.Add), TestContext.Current.CancellationToken);
        for (var i = packages.Length - 1; i >= 0; i--)
        {
            arrivals[i].SetResult(packages[i]);
        }

        var result = await installing;

        Assert.Equal(packages.Select(p => p.Nevra), result.Packages.Select(p => p.File.Nevra));
        Assert.Equal(packages.Select(p => p.Nevra), reports.Select(r => r.CurrentPackage));
        for (var i = 0; i < packages.Length; i++)
        {
            Assert.Equal(Content(i, 70_000 + i), ((RegularFileNode)tree.Get($"/usr/lib/r{i}/big")).Content.ReadAllBytes());
        }
    }

    [Fact]
    public async Task InstallAsync_ArrivalFails_ThrowsItsErrorAndDeletesTheSpool()
    {
        using var temp = new TempDirectory();
        var first = TestPackages.Build(temp, "first", new Dictionary<string, byte[]> { ["/a"] = Content(1, 100_000) });
        var scratch = PackageInstallerTests.PrepareScratch(temp);
        var failure = new InvalidOperationException("package second-1-1.noarch is damaged");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PackageInstaller.InstallAsync(new FileTree(), 3,
            i => i == 0 ? Task.FromResult(first) : Task.FromException<PackageFile>(failure),
            PackageInstallerTests.Options(scratch), null, TestContext.Current.CancellationToken));

        Assert.Same(failure, error);
        Assert.Empty(Directory.GetFiles(scratch));
    }

    [Fact]
    public async Task InstallAsync_CancelledWhileWaitingForAPackage_ThrowsAndDeletesTheSpool()
    {
        using var temp = new TempDirectory();
        var first = TestPackages.Build(temp, "first", new Dictionary<string, byte[]> { ["/a"] = Content(1, 100_000) });
        var scratch = PackageInstallerTests.PrepareScratch(temp);
        var never = new TaskCompletionSource<PackageFile>();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(_ =>
        {
            Assert.Single(Directory.GetFiles(scratch));
            cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PackageInstaller.InstallAsync(new FileTree(), 2,
            i => i == 0 ? Task.FromResult(first) : never.Task, PackageInstallerTests.Options(scratch), progress, cancel.Token));

        Assert.Empty(Directory.GetFiles(scratch));
    }

    [Fact]
    public async Task InstallAsync_CompressedPayloadVerified_LeavesOutOnlyPayloadDigestAlt()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Build(temp, "verified", new Dictionary<string, byte[]> { ["/usr/lib/data"] = Content(4, 90_000) });
        AlterHeaderString(package.Path, RpmTag.PayloadDigestAlt);
        var tree = new FileTree();

        var unverified = await Assert.ThrowsAsync<InvalidDataException>(() => PackageInstallerTests.Install(temp, new FileTree(), package));
        await PackageInstallerTests.Install(temp, tree, package with { CompressedPayloadVerified = true });

        Assert.Contains("PAYLOADDIGESTALT", unverified.Message, StringComparison.Ordinal);
        Assert.Equal(Content(4, 90_000), ((RegularFileNode)tree.Get("/usr/lib/data")).Content.ReadAllBytes());
    }

    [Fact]
    public async Task InstallAsync_CompressedPayloadVerifiedButFileDigestDisagrees_ThrowsNamingThePackageAndFile()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Build(temp, "tampered", new Dictionary<string, byte[]> { ["/usr/lib/data"] = Content(5, 90_000) });
        var digest = AlterHeaderString(package.Path, RpmTag.FileDigests);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            PackageInstallerTests.Install(temp, new FileTree(), package with { CompressedPayloadVerified = true }));

        Assert.Equal($"'{package.Path}': payload entry '/usr/lib/data': content digest {digest} does not match the header's 00000000{digest[8..]}.",
            error.Message);
    }

    private static byte[] Content(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Overwrites the first 8 hex digits of the first non-empty value of <paramref name="tag"/> in the header; returns the value it had.</summary>
    private static string AlterHeaderString(string package, RpmTag tag)
    {
        var value = RpmPackageHeaders.Read(package).Header.GetStrings(tag).First(v => v.Length > 0);
        var bytes = File.ReadAllBytes(package);
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(value));
        Assert.True(at > 0);
        Encoding.ASCII.GetBytes("00000000").CopyTo(bytes, at);
        File.WriteAllBytes(package, bytes);
        return value;
    }

    private sealed class SynchronousProgress(Action<InstallProgress> report) : IProgress<InstallProgress>
    {
        public void Report(InstallProgress value) => report(value);
    }
}
