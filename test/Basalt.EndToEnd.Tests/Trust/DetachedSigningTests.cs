using Basalt.EndToEnd.Tests.Build;
using Basalt.TestInfrastructure;

namespace Basalt.EndToEnd.Tests.Trust;

/// <summary>
/// Signing with a key Basalt never sees: the build exports what must be signed, openssl (standing in for an HSM) signs
/// it, and a second build from the lockfile imports the signatures — and ends with the very bytes in-process signing gives.
/// </summary>
[Collection(SignedBuildGroup.Name)]
public sealed class DetachedSigningTests(SignedBuildFixture build)
{
    [Fact]
    public void Build_ExportSignWithOpensslImport_VerifiesAndEqualsSigningInProcess()
    {
        using var work = new TempDirectory();
        var requests = work.Path("requests");
        var lockFile = Path.Combine(build.Output, "basalt.lock");
        string[] common = ["build", build.Definition, "--repo", "basalt-samples=" + build.Repository, "--lock", lockFile, "--sign-pub", build.PublicKey];

        BasaltProcess.RunChecked([.. common, "-o", work.Path("unsigned"), "--export-signing-requests", requests]);
        Assert.False(File.Exists(Path.Combine(work.Path("unsigned"), "container-host-2026.11.0.provenance.json")));
        var openssl = ExternalTool.Require("openssl", "openssl");
        foreach (var purpose in new[] { "provenance", "SHA256SUMS" })
        {
            ExternalTool.Run(openssl, ["pkeyutl", "-sign", "-inkey", build.PrivateKey, "-rawin",
                "-in", Path.Combine(requests, purpose + ".message"), "-out", Path.Combine(requests, purpose + ".sig")]).EnsureSuccess("openssl pkeyutl -sign");
        }

        BasaltProcess.RunChecked([.. common, "-o", work.Path("signed"), "--import-signatures", requests]);

        var verify = BasaltProcess.Run(["verify", work.Path("signed"), "--key", build.PublicKey]);
        Assert.True(verify.ExitCode == 0, verify.StandardOutput + verify.StandardError);
        foreach (var name in new[] { "container-host-2026.11.0.provenance.json", "SHA256SUMS", "SHA256SUMS.sig" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(build.Output, name)), File.ReadAllBytes(Path.Combine(work.Path("signed"), name)));
        }
    }

    [Fact]
    public void Build_ImportWithoutAPublicKey_ExitsTwoBeforeBuilding()
    {
        using var work = new TempDirectory();

        var result = BasaltProcess.Run(["build", build.Definition, "-o", work.Path("out"), "--import-signatures", work.Path("none")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("basalt: error: --export-signing-requests and --import-signatures need --sign-pub (the external signer's public key).\n", result.StandardError);
        Assert.False(Directory.Exists(work.Path("out")));
    }
}
