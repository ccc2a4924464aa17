using Basalt.Rpm.Payload;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Payload;

public sealed class RpmPayloadExtractorTests
{
    /// <summary>Every compressor (go-rpmutils), the rpm-rs feature packages (v4 and v6, gzip/xz/zstd/none), rpm's hard-link and capability packages.</summary>
    public static TheoryData<string> ExtractablePackages()
    {
        var data = new TheoryData<string>();
        var files = Fixtures.Files("rpms/go-rpmutils/testdata", "*.rpm")
            .Concat(Fixtures.Files("rpms/rpm-rs/tests/assets/RPMS", "*.rpm"))
            .Concat([
                Fixtures.Path("rpms/rpm/tests/data/RPMS/hlinktest-1.0-1.noarch.rpm"),
                Fixtures.Path("rpms/rpm/tests/data/RPMS/hlinktest-1.0-1.noarch-v3sig.rpm"),
                Fixtures.Path("rpms/rpm/tests/data/RPMS/capstest-1.0-1.noarch.rpm"),
                Fixtures.Path("rpms/rpm-rs/historical@be7afd6/test_assets/monkeysphere-0.37-1.el7.noarch.rpm"),
                Fixtures.Path("rpms/rpm-rs/historical@2aa5d15/test_assets/389-ds-base-devel-1.3.8.4-15.el7.x86_64.rpm"),
            ]);
        // nfpm writes cpio mtimes of 0 and header mtimes of the build: cpio applies the former, rpm (and we) the latter;
        // Extract_CpioMtimeDisagreesWithHeader_HeaderWins covers it.
        foreach (var file in files.Where(f => !f.Contains("/nfpm/", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(Fixtures.DataRoot, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExtractablePackages))]
    public void Extract_FixturePackage_SameTreeAsRpm(string package)
    {
        using var scratch = new TempDirectory();
        var path = Fixtures.Path(package);
        var tool = ReferenceExtraction.Extract(path, scratch.Path("rpm"));

        var result = RpmPayloadExtractor.Extract(path, scratch.Path("basalt"), cancellationToken: TestContext.Current.CancellationToken);

        var expected = TreeSnapshot.Take(scratch.Path("rpm"));
        Assert.Equal(expected, TreeSnapshot.Take(scratch.Path("basalt")));
        Assert.True(expected.Count == 0 || result.Files + result.Directories + result.Symlinks > 0, tool);
    }

    [Fact]
    public void Extract_CpioMtimeDisagreesWithHeader_HeaderWins()
    {
        using var scratch = new TempDirectory();
        var package = Fixtures.Path("rpms/go-rpmutils/testdata/nfpm/test-1.0.0.x86_64.rpm");
        var rpm = ExternalTool.Run(ExternalTool.Require("rpm", "rpm"), ["-qp", "--nosignature", "--nodigest", "--qf", "[%{FILEMTIMES}]", package]);

        RpmPayloadExtractor.Extract(package, scratch.Path("out"), cancellationToken: TestContext.Current.CancellationToken);

        var mtime = new DateTimeOffset(File.GetLastWriteTimeUtc(scratch.Path("out", "tmp", "README.md"))).ToUnixTimeSeconds();
        Assert.Equal(rpm.StandardOutput.Trim(), mtime.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, mtime);
    }

    [Fact]
    public void Extract_HardLinkPackage_RebuildsLinkGroups()
    {
        using var scratch = new TempDirectory();

        var result = RpmPayloadExtractor.Extract(Fixtures.Path("rpms/rpm/tests/data/RPMS/hlinktest-1.0-1.noarch.rpm"), scratch.Path("out"),
            cancellationToken: TestContext.Current.CancellationToken);

        // /foo/hello, hello-bar, hello-foo, hello-world share one inode; aaaa and zzzz another.
        Assert.Equal(4, result.HardLinks);
        Assert.Contains("foo/hello-world file 755 nlink=4", string.Join('\n', TreeSnapshot.Take(scratch.Path("out"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_GhostFile_NotCreated()
    {
        using var scratch = new TempDirectory();

        RpmPayloadExtractor.Extract(Fixtures.Path("rpms/rpm-rs/tests/assets/RPMS/v6/rpm-file-attrs-1.0-1.noarch.rpm"), scratch.Path("out"),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(File.Exists(scratch.Path("out", "opt", "rpm-file-attrs", "normal")));
        Assert.False(File.Exists(scratch.Path("out", "opt", "rpm-file-attrs", "ghost")));
    }

    [Fact]
    public void Extract_TargetWithSymlinkedParent_RefusesToWriteThroughIt()
    {
        using var scratch = new TempDirectory();
        var outside = scratch.Path("outside");
        Directory.CreateDirectory(outside);
        var target = scratch.Path("out");
        Directory.CreateDirectory(target);
        File.CreateSymbolicLink(Path.Combine(target, "usr"), outside);

        var error = Assert.Throws<InvalidDataException>(() => RpmPayloadExtractor.Extract(
            Fixtures.Path("rpms/go-rpmutils/testdata/payload-test-0.1-w9.gzdio.x86_64.rpm"), target, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("would be written through the symlink 'usr'", error.Message, StringComparison.Ordinal);
        Assert.Contains("payload-test-0.1-w9.gzdio.x86_64.rpm", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }
}
