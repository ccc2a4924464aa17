using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Writer;

/// <summary>
/// The signature header's reserved space works as rpmbuild's does: rpmsign adds an OpenPGP header signature in place
/// (the file keeps its size) and rpmkeys verifies it with the signer's public key.
/// </summary>
public sealed class RpmPackageWriterSigningTests
{
    [Fact]
    public void RpmsignAddsign_BasaltPackage_SignsInPlaceAndVerifies()
    {
        var gpg = ExternalTool.Require("gpg", "gnupg");
        var rpmsign = ExternalTool.Require("rpmsign", "rpm");
        var rpmkeys = ExternalTool.Require("rpmkeys", "rpm");
        using var package = new TestPackage();
        var path = package.Build();
        var size = new FileInfo(path).Length;
        var home = package.Path("gnupg");
        Directory.CreateDirectory(home);
        var environment = new Dictionary<string, string> { ["GNUPGHOME"] = home };
        ExternalTool.Run(gpg, ["--batch", "--passphrase", "", "--quick-gen-key", "Basalt Test <sign@example.org>", "ed25519", "sign", "never"], environment: environment)
            .EnsureSuccess("gpg --quick-gen-key");
        var publicKey = ExternalTool.Run(gpg, ["--armor", "--export"], environment: environment).EnsureSuccess("gpg --export").StandardOutputBytes;
        File.WriteAllBytes(package.Path("key.asc"), publicKey);

        try
        {
            ExternalTool.Run(rpmsign, ["--define", "__gpg " + gpg, "--define", "_gpg_name Basalt Test <sign@example.org>", "--addsign", path], environment: environment)
                .EnsureSuccess("rpmsign --addsign");
        }
        finally
        {
            // gpg starts an agent for the throwaway home; stop it so the test leaves no process behind.
            ExternalTool.Run("gpgconf", ["--kill", "gpg-agent"], environment: environment);
        }

        var dbpath = "_dbpath " + package.Path("rpmdb");
        ExternalTool.Run(rpmkeys, ["--define", dbpath, "--import", package.Path("key.asc")]).EnsureSuccess("rpmkeys --import");
        var check = ExternalTool.Run(rpmkeys, ["--define", dbpath, "-Kv", path]);

        Assert.Equal(size, new FileInfo(path).Length);
        Assert.Equal(0, check.ExitCode);
        Assert.Matches(@"^\S+:\n    Header V4 EdDSA/SHA\d+ Signature, key ID [0-9a-f]{8}: OK\n    Header SHA256 digest: OK\n", check.StandardOutput);
    }

    [Theory]
    [InlineData("rsa2048", "RSA", 268)]
    [InlineData("ed25519", "EdDSA", 267)]
    public void Build_WithSigningKey_RpmkeysVerifiesHeaderSignatureAndStaysReproducible(string algorithm, string rpmName, int tag)
    {
        var gpg = ExternalTool.Require("gpg", "gnupg");
        var rpmkeys = ExternalTool.Require("rpmkeys", "rpm");
        using var package = new TestPackage();
        var home = package.Path("gnupg");
        Directory.CreateDirectory(home);
        var environment = new Dictionary<string, string> { ["GNUPGHOME"] = home };
        try
        {
            ExternalTool.Run(gpg, ["--batch", "--passphrase", "", "--quick-gen-key", "Basalt Test <sign@example.org>", algorithm, "sign", "never"], environment: environment)
                .EnsureSuccess("gpg --quick-gen-key");
            File.WriteAllBytes(package.Path("key.asc"), ExternalTool.Run(gpg, ["--armor", "--export"], environment: environment).StandardOutputBytes);
            File.WriteAllBytes(package.Path("secret.asc"), ExternalTool.Run(gpg, ["--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys"], environment: environment)
                .EnsureSuccess("gpg --export-secret-keys").StandardOutputBytes);
        }
        finally
        {
            ExternalTool.Run("gpgconf", ["--kill", "gpg-agent"], environment: environment);
        }

        var options = new Basalt.Rpm.Writer.RpmWriterOptions { SourceDateEpoch = TestPackage.Epoch, SigningKeyPath = package.Path("secret.asc") };
        var first = Basalt.Rpm.Writer.RpmPackageBuilder.Build(package.ManifestPath, package.Path("one"), options, TestContext.Current.CancellationToken);
        var second = Basalt.Rpm.Writer.RpmPackageBuilder.Build(package.ManifestPath, package.Path("two"), options, TestContext.Current.CancellationToken);
        var unsigned = package.Build("unsigned");
        var dbpath = "_dbpath " + package.Path("rpmdb");
        ExternalTool.Run(rpmkeys, ["--define", dbpath, "--import", package.Path("key.asc")]).EnsureSuccess("rpmkeys --import");
        var check = ExternalTool.Run(rpmkeys, ["--define", dbpath, "-Kv", first]);

        Assert.Equal(0, check.ExitCode);
        Assert.Matches($@"^\S+:\n    Header V4 {rpmName}/SHA256 Signature, key ID [0-9a-f]{{8}}: OK\n    Header SHA256 digest: OK\n", check.StandardOutput);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(new FileInfo(unsigned).Length, new FileInfo(first).Length);
        var headers = Basalt.Rpm.Format.RpmPackageHeaders.Read(first);
        Assert.True(headers.Signature.Contains(tag));
    }
}
