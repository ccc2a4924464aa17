using System.Security.Cryptography;
using System.Text;
using Basalt.TestInfrastructure;
using Basalt.Trust.Checksums;

namespace Basalt.Trust.Tests.Checksums;

public sealed class Sha256SumsTests
{
    private static readonly string[] Names = ["image.vhd", "image raw.img", "SHA256SUMS.sig", "b.cosi", "a.qcow2", "Z-upper.txt"];

    [Fact]
    public void Write_Files_EqualsSha256sumOutput()
    {
        var sha256sum = ExternalTool.Require("sha256sum", "coreutils");
        using var temp = new TempDirectory();
        var artifacts = WriteFiles(temp);
        var sorted = Names.Order(StringComparer.Ordinal).ToList();

        var expected = ExternalTool.Run(sha256sum, sorted, temp.FullPath).EnsureSuccess("sha256sum").StandardOutputBytes;

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(Sha256Sums.Write(artifacts)));
    }

    [Fact]
    public void Write_Files_Sha256sumCheckPasses()
    {
        var sha256sum = ExternalTool.Require("sha256sum", "coreutils");
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.Path("SHA256SUMS"), Sha256Sums.Write(WriteFiles(temp)));

        var result = ExternalTool.Run(sha256sum, ["--strict", "-c", "SHA256SUMS"], temp.FullPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Names.Length, result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_NameWithBackslashAndNewline_EscapesAsSha256sum()
    {
        var sha256sum = ExternalTool.Require("sha256sum", "coreutils");
        using var temp = new TempDirectory();
        const string name = "odd\\name\nx";
        File.WriteAllText(temp.Path(name), "odd");
        var artifact = new BuildArtifact(name, Convert.ToHexStringLower(SHA256.HashData("odd"u8)), 3);

        var expected = ExternalTool.Run(sha256sum, [name], temp.FullPath).EnsureSuccess("sha256sum").StandardOutput;

        Assert.Equal(expected, Encoding.UTF8.GetString(Sha256Sums.Write([artifact])));
        Assert.Equal(name, Assert.Single(Sha256Sums.Read(Encoding.UTF8.GetBytes(expected), "SHA256SUMS")).Name);
    }

    [Fact]
    public void Read_Written_RoundTripsWithUnknownSizes()
    {
        using var temp = new TempDirectory();
        var artifacts = WriteFiles(temp);

        var read = Sha256Sums.Read(Sha256Sums.Write(artifacts), "SHA256SUMS");

        Assert.Equal(artifacts.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => a with { Bytes = -1 }), read);
    }

    [Fact]
    public void Read_BinaryMarkerUppercaseHexNoFinalNewline_Accepted()
    {
        var hex = new string('A', 64);

        var read = Assert.Single(Sha256Sums.Read(Encoding.UTF8.GetBytes($"{hex} *disk.img"), "SHA256SUMS"));

        Assert.Equal(new BuildArtifact("disk.img", new string('a', 64), -1), read);
    }

    [Theory]
    [InlineData("abc  x\n", "'SHA256SUMS' line 1: expected 'SHA256  NAME' as sha256sum prints it.")]
    [InlineData("\n", "'SHA256SUMS' line 1: expected 'SHA256  NAME' as sha256sum prints it.")]
    [InlineData("HASH  a\nHASH  a\n", "'SHA256SUMS' line 2: 'a' is listed twice.")]
    [InlineData("\\HASH  a\\q\n", "'SHA256SUMS' line 1: unknown escape '\\q'.")]
    public void Read_Malformed_ThrowsNamingLine(string text, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Sha256Sums.Read(Encoding.UTF8.GetBytes(text.Replace("HASH", new string('0', 64), StringComparison.Ordinal)), "SHA256SUMS"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Write_RepeatedName_Throws()
    {
        var sha = new string('0', 64);

        Assert.Throws<ArgumentException>(() => Sha256Sums.Write([new BuildArtifact("a", sha, 1), new BuildArtifact("a", sha, 1)]));
    }

    private static List<BuildArtifact> WriteFiles(TempDirectory temp)
    {
        var artifacts = new List<BuildArtifact>();
        foreach (var name in Names)
        {
            var content = Encoding.UTF8.GetBytes($"content of {name}\n");
            File.WriteAllBytes(temp.Path(name), content);
            artifacts.Add(new BuildArtifact(name, Convert.ToHexStringLower(SHA256.HashData(content)), content.Length));
        }

        return artifacts;
    }
}
