using Basalt.TestInfrastructure;

namespace Basalt.Cli.Tests.Verity;

public sealed class VerityCommandTests
{
    private const string Salt = "00112233445566778899aabbccddeeff";
    private const string Uuid = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public void Format_WithSaltAndUuid_PrintsWhatVeritysetupPrints()
    {
        var veritysetup = ExternalTool.Require("veritysetup", "cryptsetup-bin");
        using var temp = new TempDirectory("cli-verity");
        var data = WriteData(temp, 300);
        var reference = ExternalTool.Run(veritysetup, ["format", "--salt", Salt, "--uuid", Uuid, data, temp.Path("hash")]).EnsureSuccess("veritysetup format");

        var result = Cli.Run("verity", "format", data, temp.Path("hash"), "--salt", Salt, "--uuid", Uuid);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(reference.StandardOutput, result.StandardOutput);
        Assert.Contains("Root hash:      \t", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_IntactThenCorrupted_ExitsZeroThenOneNamingBlock()
    {
        using var temp = new TempDirectory("cli-verity");
        var data = WriteData(temp, 300);
        var format = Cli.Run("verity", "format", data, temp.Path("hash"), "--salt", Salt, "--uuid", Uuid);
        var root = format.StandardOutput.Split('\n').Single(l => l.StartsWith("Root hash:", StringComparison.Ordinal)).Split('\t')[1];

        var intact = Cli.Run("verity", "verify", data, temp.Path("hash"), root);
        Assert.Equal(0, intact.ExitCode);
        Assert.Equal("Verification succeeded.\n", intact.StandardOutput);

        var bytes = File.ReadAllBytes(data);
        bytes[(4096 * 123) + 7] ^= 0xFF;
        File.WriteAllBytes(data, bytes);
        var corrupted = Cli.Run("verity", "verify", data, temp.Path("hash"), root);
        Assert.Equal(1, corrupted.ExitCode);
        Assert.Equal("basalt: verification failed: Data block 123 (offset 503808) does not match its hash.\n", corrupted.StandardError);
    }

    [Fact]
    public void Verify_VeritysetupHashFile_Succeeds()
    {
        var veritysetup = ExternalTool.Require("veritysetup", "cryptsetup-bin");
        using var temp = new TempDirectory("cli-verity");
        var data = WriteData(temp, 20);
        var output = ExternalTool.Run(veritysetup, ["format", data, temp.Path("hash")]).EnsureSuccess("veritysetup format").StandardOutput;
        var root = output.Split('\n').Single(l => l.StartsWith("Root hash:", StringComparison.Ordinal)).Split('\t')[1];
        Assert.Equal(0, Cli.Run("verity", "verify", data, temp.Path("hash"), root).ExitCode);
    }

    [Theory]
    [InlineData("abc", "basalt: error: Root hash 'abc' is not 64 hex digits.\n")]
    public void Verify_MalformedRootHash_ExitsBadInput(string root, string message)
    {
        using var temp = new TempDirectory("cli-verity");
        var data = WriteData(temp, 1);
        var result = Cli.Run("verity", "verify", data, data, root);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.StandardError);
    }

    [Fact]
    public void Verify_NotAHashFile_ExitsBadInputWithMessage()
    {
        using var temp = new TempDirectory("cli-verity");
        var data = WriteData(temp, 2);
        var result = Cli.Run("verity", "verify", data, data, new string('0', 64));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"basalt: error: Hash file '{data}' has no verity superblock at offset 0 (signature 'verity' missing).\n", result.StandardError);
    }

    [Fact]
    public void Format_BadSalt_ExitsBadInput()
    {
        using var temp = new TempDirectory("cli-verity");
        var data = WriteData(temp, 1);
        var result = Cli.Run("verity", "format", data, temp.Path("hash"), "--salt", "xyz");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("basalt: error: Salt 'xyz' is not an even number of hex digits.\n", result.StandardError);
    }

    private static string WriteData(TempDirectory temp, int blocks)
    {
        var bytes = new byte[blocks * 4096];
        new Random(blocks).NextBytes(bytes);
        var path = temp.Path("data");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
