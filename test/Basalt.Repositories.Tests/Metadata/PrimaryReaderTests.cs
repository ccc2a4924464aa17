using Basalt.Repositories.Metadata;
using Basalt.TestInfrastructure;

namespace Basalt.Repositories.Tests.Metadata;

public sealed class PrimaryReaderTests
{
    private const string Modified = "repodata/createrepo_c/tests/testdata/modified_repo_files";

    private static List<RpmMdPackage> ReadPrimary(string relative)
    {
        using var stream = File.OpenRead(Fixtures.Path(relative));
        return [.. PrimaryReader.Read(stream, relative)];
    }

    private static List<SecondaryPackage> ReadSecondary(string relative)
    {
        using var stream = File.OpenRead(Fixtures.Path(relative));
        return relative.Contains("filelists", StringComparison.Ordinal)
            ? [.. SecondaryReader.ReadFilelists(stream, relative)]
            : [.. SecondaryReader.ReadOther(stream, relative)];
    }

    [Theory]
    [InlineData("unknown_element_00-primary.xml")]
    [InlineData("unknown_element_02-primary.xml")]
    public void Read_UnknownElements_AreSkipped(string file)
    {
        var packages = ReadPrimary($"{Modified}/{file}");

        Assert.Equal(["fake_bash-1.1.1-1.x86_64", "super_kernel-6.0.1-2.x86_64"], packages.Select(p => p.Nevra.ToString()));
        Assert.Equal(["bash", "fake_bash = 1.1.1-1", "fake_bash(x86-64) = 1.1.1-1"], packages[0].Provides.Select(d => d.ToString()));
        Assert.Equal("/usr/bin/fake_bash", Assert.Single(packages[0].Files).Path);
    }

    [Theory]
    [InlineData("unknown_element_00-filelists.xml")]
    [InlineData("unknown_element_02-filelists.xml")]
    [InlineData("unknown_element_00-other.xml")]
    [InlineData("unknown_element_02-other.xml")]
    [InlineData("repo_02_different_order_filelists.xml")]
    public void ReadSecondary_UnknownElements_AreSkipped(string file)
    {
        var packages = ReadSecondary($"{Modified}/{file}");

        Assert.Contains(packages, p => p.Name == "super_kernel" && p.PkgId == "6d43a638af70ef899933b1fd86a866f18f65b0e0e17dcbf2e42bfd0cdd7c63c3");
        Assert.All(packages, p => Assert.NotEmpty(p.Files.Count > 0 ? p.Files.Cast<object>() : p.Changelogs));
    }

    [Theory]
    [InlineData("unknown_element_01-primary.xml")]
    [InlineData("unknown_element_01-filelists.xml")]
    [InlineData("unknown_element_01-other.xml")]
    public void Read_PackageInsideUnknownElement_IsSkippedWithIt(string file)
    {
        // The second package is wrapped in an unknown <bar> element: only children of the root are packages.
        var names = file.Contains("primary", StringComparison.Ordinal)
            ? ReadPrimary($"{Modified}/{file}").Select(p => p.Nevra.Name).ToList()
            : ReadSecondary($"{Modified}/{file}").Select(p => p.Name).ToList();

        Assert.Equal(["fake_bash"], names);
    }

    [Fact]
    public void Read_EscapedAmpersands_AreDecoded()
    {
        var package = ReadPrimary($"{Modified}/repo_01_ampersand-primary.xml").Single();

        Assert.Equal("Tes&t package", package.Summary);
        Assert.Equal("super_kernel&-6.0.1-2.x86_64.rpm", package.Location);
        Assert.Contains(package.Provides, d => d.Name == "super_&&kernel(x86-64)");
        Assert.Contains(package.Requires, d => d.Name == "glib" && d.Version == "2.2&6.0");
        Assert.Contains(ReadSecondary($"{Modified}/repo_01_ampersand-filelists.xml"), p => p.Files.Count > 0);
        Assert.Contains(ReadSecondary($"{Modified}/repo_01_ampersand-other.xml"), p => p.Changelogs.Count > 0);
    }

    [Fact]
    public void Read_LongPrimary_ReadsEveryPackage()
    {
        var expected = File.ReadAllText(Fixtures.Path($"{Modified}/long_primary.xml")).Split("<package ").Length - 1;

        var packages = ReadPrimary($"{Modified}/long_primary.xml");

        Assert.Equal(expected, packages.Count);
        Assert.True(packages.Count > 1);
    }

    [Theory]
    [InlineData("error_00-primary.xml", "package \"fake_bash\" has no checksum (pkgid)")]
    [InlineData("multiple_warnings_00-primary.xml", "<header-range end>: \"foobar\" is not a non-negative integer")]
    [InlineData("error_00-filelists.xml", "<package name=\"fake_bash\"> has no pkgid attribute")]
    [InlineData("no_pkgid-filelists.xml", "<package name=\"super_kernel\"> has no pkgid attribute")]
    [InlineData("error_00-other.xml", "<package name=\"fake_bash\"> has no pkgid attribute")]
    [InlineData("no_pkgid-other.xml", "<package name=\"super_kernel\"> has no pkgid attribute")]
    [InlineData("bad_file_type-filelists.xml", "<file type=\"foo\"> is not a known file type")]
    [InlineData("multiple_warnings_00-filelists.xml", "has no arch attribute")]
    [InlineData("multiple_warnings_00-other.xml", "has no name attribute")]
    public void Read_MalformedFile_FailsNamingFileAndProblem(string file, string message)
    {
        var relative = $"{Modified}/{file}";
        var ex = Assert.Throws<InvalidDataException>(() => file.Contains("primary", StringComparison.Ordinal) ? ReadPrimary(relative).Count : ReadSecondary(relative).Count);

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{relative}' line ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingDataType_FailsNamingFile()
    {
        var path = Fixtures.Path($"{Modified}/missing_type-repomd.xml");

        var ex = Assert.Throws<InvalidDataException>(() => RepoMdReader.Read(path));

        Assert.Contains($"'{path}' line 12: <data> has no type attribute.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SnippetWithoutRoot_FailsNamingTheRoot()
    {
        // createrepo_c's repodata_snippets are bare <package> fragments, not documents.
        var ex = Assert.Throws<InvalidDataException>(() => ReadPrimary("repodata/createrepo_c/tests/testdata/repodata_snippets/primary_snippet_01.xml"));

        Assert.Contains("expected the root element <metadata>, found <package>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedDocument_FailsAsMalformed()
    {
        var text = File.ReadAllText(Fixtures.Path($"{Modified}/unknown_element_00-primary.xml"));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text[..(text.Length / 2)]));

        var ex = Assert.Throws<InvalidDataException>(() => PrimaryReader.Read(stream, "half.xml").ToList());

        Assert.StartsWith("'half.xml': malformed XML:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Dtd_IsRefused()
    {
        const string xml = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaa\">]><metadata xmlns=\"http://linux.duke.edu/metadata/common\" packages=\"0\"/>";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));

        var ex = Assert.Throws<InvalidDataException>(() => PrimaryReader.Read(stream, "dtd.xml").ToList());

        Assert.Contains("'dtd.xml': malformed XML", ex.Message, StringComparison.Ordinal);
    }
}
