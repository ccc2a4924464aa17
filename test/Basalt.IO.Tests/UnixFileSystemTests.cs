using Basalt.TestInfrastructure;

namespace Basalt.IO.Tests;

public sealed class UnixFileSystemTests
{
    [Fact]
    public void Link_ExistingFile_SharesContent()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Path("a"), "data");
        UnixFileSystem.Link(temp.Path("a"), temp.Path("b"));
        File.AppendAllText(temp.Path("b"), "+");
        Assert.Equal("data+", File.ReadAllText(temp.Path("a")));

        var ex = Assert.Throws<IOException>(() => UnixFileSystem.Link(temp.Path("a"), temp.Path("b")));
        Assert.Contains($"link('{temp.Path("a")}', '{temp.Path("b")}') failed", ex.Message, StringComparison.Ordinal);
    }
}
