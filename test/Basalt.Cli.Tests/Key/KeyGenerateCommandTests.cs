using System.CommandLine;
using Basalt.Cli.Commands.Key;
using Basalt.TestInfrastructure;
using Basalt.Trust.Keys;

namespace Basalt.Cli.Tests.Key;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyGenerateCommandTests
{
    [Theory]
    [InlineData("ed25519", "ED25519 Private-Key")]
    [InlineData("ecdsa-p256", "NIST CURVE: P-256")]
    public void Generate_Type_WritesKeyPairWithModesAndPrintsKeyId(string type, string openSslSays)
    {
        using var temp = new TempDirectory();
        var name = temp.Path("keys", "release");

        var result = Run("key", "generate", "--out", name, "--type", type);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("", result.StandardError);
        var keyId = SigningKeyFiles.LoadPublic(name + ".pub").KeyId;
        Assert.Equal($"key id:      {keyId}\nprivate key: {name}.key\npublic key:  {name}.pub\n", result.StandardOutput);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(name + ".key"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(name + ".pub"));
        var openssl = ExternalTool.Require("openssl", "openssl");
        Assert.Contains(openSslSays, ExternalTool.Run(openssl, ["pkey", "-in", name + ".key", "-noout", "-text"]).EnsureSuccess("openssl pkey").StandardOutput);
    }

    [Fact]
    public void Generate_NoType_DefaultsToEcdsaP256()
    {
        using var temp = new TempDirectory();

        Assert.Equal(ExitCodes.Success, Run("key", "generate", "--out", temp.Path("k")).ExitCode);

        Assert.Equal(Trust.Signing.SignatureAlgorithms.EcdsaP256Sha256, SigningKeyFiles.LoadPrivate(temp.Path("k.key"), null).Algorithm);
    }

    [Fact]
    public void Generate_PassphraseEnv_EncryptsWithThatPassphrase()
    {
        using var temp = new TempDirectory();
        var variable = $"BASALT_TEST_PASSPHRASE_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "tr0ub4dor");
        try
        {
            var result = Run("key", "generate", "--out", temp.Path("k"), "--type", "ed25519", "--passphrase-env", variable);

            Assert.Equal(ExitCodes.Success, result.ExitCode);
            Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(temp.Path("k.key")));
            Assert.Equal(SigningKeyFiles.LoadPublic(temp.Path("k.pub")).KeyId, SigningKeyFiles.LoadPrivate(temp.Path("k.key"), "tr0ub4dor").KeyId);
            Assert.DoesNotContain("tr0ub4dor", result.StandardOutput + result.StandardError);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Generate_PassphraseEnvUnset_ExitsBadInputWritingNothing()
    {
        using var temp = new TempDirectory();
        var variable = $"BASALT_TEST_UNSET_{Guid.NewGuid():N}";

        var result = Run("key", "generate", "--out", temp.Path("k"), "--passphrase-env", variable);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal($"basalt: error: --passphrase-env names '{variable}', but that environment variable is unset or empty.\n", result.StandardError);
        Assert.Empty(Directory.GetFileSystemEntries(temp.FullPath));
    }

    [Fact]
    public void Generate_KeyExists_ExitsBadInputAndKeepsFiles()
    {
        using var temp = new TempDirectory();
        Assert.Equal(ExitCodes.Success, Run("key", "generate", "--out", temp.Path("k")).ExitCode);
        var before = File.ReadAllBytes(temp.Path("k.key"));

        var result = Run("key", "generate", "--out", temp.Path("k"), "--type", "ed25519");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal($"basalt: error: '{temp.Path("k.key")}' already exists; Basalt never overwrites a key file (remove it or choose another name).\n", result.StandardError);
        Assert.Equal(before, File.ReadAllBytes(temp.Path("k.key")));
        Assert.Equal(2, Directory.GetFileSystemEntries(temp.FullPath).Length);
    }

    [Fact]
    public void Generate_UnknownType_ExitsBadInput()
    {
        using var temp = new TempDirectory();

        var result = Run("key", "generate", "--out", temp.Path("k"), "--type", "rsa");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("rsa", result.StandardError);
        Assert.Empty(Directory.GetFileSystemEntries(temp.FullPath));
    }

    /// <summary>Runs through the real root once it registers <c>key</c>; until then through a root holding only this group.</summary>
    private static CliResult Run(params string[] args)
    {
        using var probe = new MemoryStream();
        var registered = Commands.BasaltRootCommand.Create(new CliContext(probe, TextWriter.Null)).Subcommands.Any(c => c.Name == "key");
        if (registered)
        {
            return Cli.Run(args);
        }

        using var output = new MemoryStream();
        using var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error);
        var root = new RootCommand { KeyCommand.Create(context) };
        var exitCode = CommandRunner.InvokeAsync(root, context, args).GetAwaiter().GetResult();
        context.Out.Flush();
        return new CliResult(exitCode, output.ToArray(), error.ToString());
    }
}
