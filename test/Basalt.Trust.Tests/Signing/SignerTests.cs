using Basalt.TestInfrastructure;
using Basalt.Trust.Keys;
using Basalt.Trust.Signing;
using Basalt.Trust.Tests.Keys;

namespace Basalt.Trust.Tests.Signing;

public sealed class SignerTests
{
    private static readonly byte[] Message = "DSSEv1 28 application/vnd.in-toto+json 2 {}"u8.ToArray();

    [Theory]
    [InlineData(SigningKeyType.Ed25519, SignatureAlgorithms.Ed25519)]
    [InlineData(SigningKeyType.EcdsaP256, SignatureAlgorithms.EcdsaP256Sha256)]
    public void Sign_AnyType_VerifiesAndRejectsOtherMessageAndForeignKey(SigningKeyType type, string algorithm)
    {
        using var temp = new TempDirectory();
        SigningKeyFiles.Generate(temp.Path("a"), type, null);
        SigningKeyFiles.Generate(temp.Path("b"), type, null);
        var signer = SigningKeyFiles.LoadPrivate(temp.Path("a.key"), null);

        var signature = signer.Sign(Message);

        Assert.Equal(algorithm, signer.Algorithm);
        Assert.True(SigningKeyFiles.LoadPublic(temp.Path("a.pub")).Verify(Message, signature));
        Assert.False(SigningKeyFiles.LoadPublic(temp.Path("a.pub")).Verify([.. Message, 0], signature));
        Assert.False(SigningKeyFiles.LoadPublic(temp.Path("b.pub")).Verify(Message, signature));
        Assert.False(SigningKeyFiles.LoadPublic(temp.Path("a.pub")).Verify(Message, signature.AsSpan(1)));
        Assert.False(SigningKeyFiles.LoadPublic(temp.Path("a.pub")).Verify(Message, []));
    }

    [Fact]
    public void Sign_Ed25519_IsDeterministic()
    {
        using var temp = new TempDirectory();
        SigningKeyFiles.Generate(temp.Path("a"), SigningKeyType.Ed25519, null);
        var signer = SigningKeyFiles.LoadPrivate(temp.Path("a.key"), null);

        Assert.Equal(signer.Sign(Message), signer.Sign(Message));
    }

    [Fact]
    public void Sign_Ed25519_OpenSslPkeyutlVerifies()
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        SigningKeyFiles.Generate(temp.Path("k"), SigningKeyType.Ed25519, "pw");
        File.WriteAllBytes(temp.Path("msg"), Message);
        File.WriteAllBytes(temp.Path("sig"), SigningKeyFiles.LoadPrivate(temp.Path("k.key"), "pw").Sign(Message));

        var result = OpenSsl.Run("pkeyutl", "-verify", "-pubin", "-inkey", temp.Path("k.pub"), "-rawin", "-in", temp.Path("msg"), "-sigfile", temp.Path("sig"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Signature Verified Successfully", result.StandardOutput);
    }

    [Fact]
    public void Sign_EcdsaP256_OpenSslDgstVerifies()
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        SigningKeyFiles.Generate(temp.Path("k"), SigningKeyType.EcdsaP256, null);
        File.WriteAllBytes(temp.Path("msg"), Message);
        File.WriteAllBytes(temp.Path("sig"), SigningKeyFiles.LoadPrivate(temp.Path("k.key"), null).Sign(Message));

        var result = OpenSsl.Run("dgst", "-sha256", "-verify", temp.Path("k.pub"), "-signature", temp.Path("sig"), temp.Path("msg"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Verified OK\n", result.StandardOutput);
    }

    [Fact]
    public void Verify_OpenSslEd25519Signature_Accepts()
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        SigningKeyFiles.Generate(temp.Path("k"), SigningKeyType.Ed25519, "pw");
        File.WriteAllBytes(temp.Path("msg"), Message);
        OpenSsl.Ok("pkeyutl", "-sign", "-inkey", temp.Path("k.key"), "-passin", "pass:pw", "-rawin", "-in", temp.Path("msg"), "-out", temp.Path("sig"));
        var signature = File.ReadAllBytes(temp.Path("sig"));

        Assert.True(SigningKeyFiles.LoadPublic(temp.Path("k.pub")).Verify(Message, signature));
        // Ed25519 is deterministic: openssl and Basalt produce the same bytes.
        Assert.Equal(signature, SigningKeyFiles.LoadPrivate(temp.Path("k.key"), "pw").Sign(Message));
    }

    [Fact]
    public void Verify_OpenSslEcdsaSignature_Accepts()
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        OpenSsl.Ok("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", temp.Path("o.key"));
        OpenSsl.Ok("pkey", "-in", temp.Path("o.key"), "-pubout", "-out", temp.Path("o.pub"));
        File.WriteAllBytes(temp.Path("msg"), Message);
        OpenSsl.Ok("dgst", "-sha256", "-sign", temp.Path("o.key"), "-out", temp.Path("sig"), temp.Path("msg"));

        var verifier = SigningKeyFiles.LoadPublic(temp.Path("o.pub"));

        Assert.True(verifier.Verify(Message, File.ReadAllBytes(temp.Path("sig"))));
        Assert.False(verifier.Verify("other"u8, File.ReadAllBytes(temp.Path("sig"))));
    }
}
