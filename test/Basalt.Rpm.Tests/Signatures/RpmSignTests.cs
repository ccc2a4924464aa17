using Basalt.Rpm.Signatures;
using Basalt.TestInfrastructure;

namespace Basalt.Rpm.Tests.Signatures;

/// <summary>Signs a package in the test with a fresh gpg key through rpmsign, then verifies it (and has rpm verify it too).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RpmSignTests
{
    [Theory]
    [InlineData("rsa3072")]
    [InlineData("ed25519")]
    public void Verify_PackageSignedByRpmsignWithFreshKey_SignatureOk(string algorithm)
    {
        using var scratch = new TempDirectory();
        var (package, publicKey) = SignFreshCopy(scratch, algorithm);

        var report = RpmPackageVerifier.Verify(package, OpenPgpKeyring.Load([publicKey]), TestContext.Current.CancellationToken);

        Assert.NotEmpty(report.Signatures);
        Assert.All(report.Signatures, c => Assert.Equal(RpmCheckResult.Ok, c.Result));
        Assert.True(report.Passed(requireSignature: true), string.Join('\n', report.Checks));
        RpmKeysReference.AssertAgrees(RpmKeysReference.CheckLines(package, [publicKey], scratch), report);
    }

    [Fact]
    public void Verify_PackageSignedByAnotherFreshKey_NoKey()
    {
        using var scratch = new TempDirectory();
        var (package, _) = SignFreshCopy(scratch, "ed25519");
        using var other = new TempDirectory();
        var (_, otherKey) = SignFreshCopy(other, "ed25519");

        var report = RpmPackageVerifier.Verify(package, OpenPgpKeyring.Load([otherKey]), TestContext.Current.CancellationToken);

        Assert.All(report.Signatures, c => Assert.Equal(RpmCheckResult.NoKey, c.Result));
        Assert.False(report.Passed(requireSignature: true));
    }

    /// <summary>A copy of an unsigned fixture signed with a new key in a throwaway GNUPGHOME; returns the package and the armored public key.</summary>
    internal static (string Package, string PublicKey) SignFreshCopy(TempDirectory scratch, string algorithm)
    {
        var gpg = ExternalTool.Require("gpg", "gnupg");
        var rpmsign = ExternalTool.Require("rpmsign", "rpm");
        var home = scratch.Path("gnupg");
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string> { ["GNUPGHOME"] = home };
        var name = $"Basalt Test {algorithm}";
        ExternalTool.Run(gpg, ["--batch", "--passphrase", "", "--quick-gen-key", $"{name} <test@example.org>", algorithm, "sign", "never"], environment: environment)
            .EnsureSuccess("gpg --quick-gen-key");
        var publicKey = scratch.Path("public.asc");
        var export = ExternalTool.Run(gpg, ["--batch", "--armor", "--export", name], environment: environment).EnsureSuccess("gpg --export");
        File.WriteAllBytes(publicKey, export.StandardOutputBytes);

        var package = scratch.Path("hello-signed.rpm");
        File.Copy(Fixtures.Path("rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64.rpm"), package);
        File.SetUnixFileMode(package, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        ExternalTool.Run(rpmsign, ["--addsign", "--define", $"_gpg_name {name}", "--define", "__gpg /usr/bin/gpg", "--define", $"_gpg_path {home}", package],
            environment: environment).EnsureSuccess("rpmsign --addsign");
        return (package, publicKey);
    }
}
