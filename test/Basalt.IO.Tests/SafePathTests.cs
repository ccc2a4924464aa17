namespace Basalt.IO.Tests;

public sealed class SafePathTests
{
    [Theory]
    [InlineData("./usr/bin/x", "usr/bin/x")]
    [InlineData("usr//bin/./x/", "usr/bin/x")]
    [InlineData(".", "")]
    [InlineData("./", "")]
    [InlineData("a..b/..c", "a..b/..c")]
    public void Normalize_ValidName_ReturnsRelative(string name, string expected)
        => Assert.Equal(expected, SafePath.Normalize(name));

    [Theory]
    [InlineData("../x", "'../x' contains a '..' component")]
    [InlineData("./usr/../../etc/passwd", "'./usr/../../etc/passwd' contains a '..' component")]
    [InlineData("/etc/passwd", "'/etc/passwd' is an absolute path")]
    [InlineData("a\0b", "'a\\0b' contains a NUL character")]
    [InlineData("", "empty path")]
    [InlineData("./usr/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "component longer than 255 bytes")]
    public void Normalize_HostileName_ThrowsNamingIt(string name, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SafePath.Normalize(name));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_Name_StaysUnderRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "root");
        Assert.Equal(Path.Combine(root, "usr", "bin", "x"), SafePath.Join(root + "/", "./usr/bin/x"));
        Assert.Equal(root, SafePath.Join(root, "."));
        Assert.Throws<InvalidDataException>(() => SafePath.Join(root, "../root2/x"));
    }

    [Theory]
    [InlineData("./usr/bin/x", "../lib/libx.so")]
    [InlineData("./usr/bin/x", "y")]
    [InlineData("./a/b/c", "../../z")]
    [InlineData("./usr/bin/x", "/etc/alternatives/x")]
    [InlineData("./x", "/../../etc")]
    public void EnsureSymlinkInside_InsideTarget_Passes(string link, string target)
        => SafePath.EnsureSymlinkInside(link, target);

    [Theory]
    [InlineData("./x", "../etc/passwd")]
    [InlineData("./a/b/c", "../../../z")]
    [InlineData("./a/link", "b/../../../etc")]
    public void EnsureSymlinkInside_Escape_ThrowsNamingLink(string link, string target)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SafePath.EnsureSymlinkInside(link, target));
        Assert.Contains($"'{link}' -> '{target}' points outside the root", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureSymlinkInside_AbsoluteWhenDisallowed_Throws()
    {
        var ex = Assert.Throws<InvalidDataException>(() => SafePath.EnsureSymlinkInside("./etc-link", "/etc", allowAbsolute: false));
        Assert.Contains("absolute target '/etc'", ex.Message, StringComparison.Ordinal);
    }
}
