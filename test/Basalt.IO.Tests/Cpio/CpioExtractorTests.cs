using Basalt.IO.Cpio;
using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests.Cpio;

public sealed class CpioExtractorTests
{
    private const uint File = 0x8000 | 0x1a4;
    private const uint Link = 0xA000 | 0x1ff;
    private const uint Dir = 0x4000 | 0x1ed;

    [Theory]
    [MemberData(nameof(CpioFixtures.PackageData), MemberType = typeof(CpioFixtures))]
    public void Extract_RpmPayload_SameTreeAsGnuCpio(string package)
    {
        var archive = CpioFixtures.Rpm2Cpio(package);
        using var temp = new TempDirectory();
        CpioFixtures.CpioExtract(archive, temp.Path("gnu"));
        var result = CpioExtractor.Extract(new MemoryStream(archive), temp.Path("ours"));
        Assert.Empty(result.Warnings);
        Assert.Equal(CpioFixtures.Describe(temp.Path("gnu")), CpioFixtures.Describe(temp.Path("ours")));
    }

    [Fact]
    public void Extract_Hlinktest_RebuildsLinkGroups()
    {
        using var temp = new TempDirectory();
        var result = CpioExtractor.Extract(new MemoryStream(CpioFixtures.Rpm2Cpio("rpms/rpm/tests/data/RPMS/hlinktest-1.0-1.noarch.rpm")), temp.FullPath);
        Assert.Equal(4, result.HardLinks); // aaaa -> zzzz, and hello, hello-bar, hello-foo -> hello-world
        Assert.Equal(System.IO.File.ReadAllBytes(temp.Path("foo", "hello-world")), System.IO.File.ReadAllBytes(temp.Path("foo", "hello")));
        Assert.Contains("./foo/hello f 755 4 29 ", CpioFixtures.Describe(temp.FullPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DotdotCpio_RefusedNamingEntry()
    {
        using var parent = new TempDirectory();
        var root = parent.Path("root");
        var ex = Assert.Throws<InvalidDataException>(() =>
            CpioExtractor.Extract(System.IO.File.OpenRead(Fixtures.Path("rpms/go-rpmutils/testdata/dotdot.cpio")), root));
        Assert.Contains("'../../aaaaaaaaa' contains a '..' component", ex.Message, StringComparison.Ordinal);
        AssertOnly(parent.FullPath, root);
    }

    [Theory]
    [InlineData("/tmp/basalt-escape-abs", "'/tmp/basalt-escape-abs' is an absolute path")]
    [InlineData("../x", "'../x' contains a '..' component")]
    [InlineData("./a/../../x", "'./a/../../x' contains a '..' component")]
    public void Extract_EscapingName_Refused(string name, string expected)
    {
        using var parent = new TempDirectory();
        var root = parent.Path("root");
        var archive = CpioTestArchives.Build((name, File, "escape"));
        var ex = Assert.Throws<InvalidDataException>(() => CpioExtractor.Extract(new MemoryStream(archive), root));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        AssertOnly(parent.FullPath, root);
        Assert.False(System.IO.File.Exists("/tmp/basalt-escape-abs"));
    }

    [Fact]
    public void Extract_FileThroughAbsoluteSymlink_Refused()
    {
        using var parent = new TempDirectory();
        var root = parent.Path("root");
        var archive = CpioTestArchives.Build(("./etc", Link, parent.FullPath), ("./etc/passwd", File, "owned"));
        var ex = Assert.Throws<InvalidDataException>(() => CpioExtractor.Extract(new MemoryStream(archive), root));
        Assert.Contains("'./etc/passwd' at offset", ex.Message, StringComparison.Ordinal);
        Assert.Contains("would be written through the symlink 'etc'", ex.Message, StringComparison.Ordinal);
        AssertOnly(parent.FullPath, root);
    }

    [Fact]
    public void Extract_SymlinkToEtcWhenAbsoluteDisallowed_Refused()
    {
        using var temp = new TempDirectory();
        var archive = CpioTestArchives.Build(("./etc", Link, "/etc"));
        var ex = Assert.Throws<InvalidDataException>(() =>
            CpioExtractor.Extract(new MemoryStream(archive), temp.FullPath, new CpioExtractOptions { AllowAbsoluteSymlinks = false }));
        Assert.Contains("Symlink './etc' has an absolute target '/etc'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_RelativeSymlinkEscaping_Refused()
    {
        using var parent = new TempDirectory();
        var root = parent.Path("root");
        var archive = CpioTestArchives.Build(("./usr/lib/link", Link, "../../../outside"));
        var ex = Assert.Throws<InvalidDataException>(() => CpioExtractor.Extract(new MemoryStream(archive), root));
        Assert.Contains("'./usr/lib/link' -> '../../../outside' points outside the root", ex.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(Path.Combine(root, "usr", "lib", "link")));
    }

    [Fact]
    public void Extract_FileReplacingSymlink_DoesNotWriteTarget()
    {
        using var temp = new TempDirectory();
        var archive = CpioTestArchives.Build(("./victim", File, "original"), ("./a", Link, "victim"), ("./a", File, "replacement"));
        CpioExtractor.Extract(new MemoryStream(archive), temp.FullPath);
        Assert.Equal("original", System.IO.File.ReadAllText(temp.Path("victim")));
        Assert.Null(new FileInfo(temp.Path("a")).LinkTarget);
        Assert.Equal("replacement", System.IO.File.ReadAllText(temp.Path("a")));
    }

    [Fact]
    public void Extract_FileOverNonEmptyDirectory_Refused()
    {
        using var temp = new TempDirectory();
        var archive = CpioTestArchives.Build(("./d/x", File, "x"), ("./d", File, "file"));
        var ex = Assert.Throws<InvalidDataException>(() => CpioExtractor.Extract(new MemoryStream(archive), temp.FullPath));
        Assert.Contains("would replace the non-empty directory 'd'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SpecialFilesNotCreated_ReportsWarnings()
    {
        using var temp = new TempDirectory();
        var archive = CpioTestArchives.Build(("./dev", Dir, ""), ("./dev/null", 0x2000 | 0x1b6, ""), ("./fifo", 0x1000 | 0x1a4, ""));
        var result = CpioExtractor.Extract(new MemoryStream(archive), temp.FullPath, new CpioExtractOptions { CreateSpecialFiles = false });
        Assert.Equal(["Skipped cpio entry './dev/null': CharacterDevice needs root.", "Skipped cpio entry './fifo': Fifo needs root."], result.Warnings);
        Assert.False(Path.Exists(temp.Path("dev", "null")));
    }

    [Fact]
    public void Extract_StrippedArchive_RefusedNamingIndex()
    {
        using var temp = new TempDirectory();
        var options = new CpioExtractOptions { Reader = new CpioReaderOptions { AlignStrippedData = false, StrippedFileSize = _ => 3 } };
        var ex = Assert.Throws<InvalidDataException>(() =>
            CpioExtractor.Extract(System.IO.File.OpenRead(Fixtures.Path("rpms/go-rpmutils/testdata/stripped.cpio")), temp.FullPath, options));
        Assert.Contains("'file index 0'", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertOnly(string parent, string root)
    {
        var entries = Directory.GetFileSystemEntries(parent);
        Assert.True(entries.Length == 0 || (entries.Length == 1 && entries[0] == root), string.Join(", ", entries));
    }
}
