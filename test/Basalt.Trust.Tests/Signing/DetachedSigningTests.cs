using Basalt.TestInfrastructure;
using Basalt.Trust.Checksums;
using Basalt.Trust.Dsse;
using Basalt.Trust.Keys;
using Basalt.Trust.Provenance;
using Basalt.Trust.Signing;
using Basalt.Trust.Tests.Keys;
using Basalt.Trust.Tests.Provenance;

namespace Basalt.Trust.Tests.Signing;

public sealed class DetachedSigningTests
{
    [Fact]
    public void ReadSignatures_Ed25519SignedByOpenSsl_SameEnvelopeAndSumsSignatureAsInProcess()
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        var keyId = SigningKeyFiles.Generate(temp.Path("hsm"), SigningKeyType.Ed25519, "pin");
        var build = SampleBuild.Create();
        var statement = ProvenanceStatement.Write(build);
        var sums = Sha256Sums.Write(build.Artifacts);
        var requests = temp.Path("requests");

        // Export: what must be signed, and nothing else leaves the build.
        DetachedSigning.WriteRequests(requests, [
            SigningRequest.ForDsse(keyId, "provenance", ProvenanceStatement.PayloadType, statement),
            new SigningRequest(keyId, "SHA256SUMS", sums),
        ]);
        // Sign elsewhere: openssl stands in for the HSM, reading only the exported message files.
        foreach (var purpose in new[] { "provenance", "SHA256SUMS" })
        {
            OpenSsl.Ok("pkeyutl", "-sign", "-inkey", temp.Path("hsm.key"), "-passin", "pass:pin", "-rawin",
                "-in", Path.Combine(requests, purpose + ".message"), "-out", Path.Combine(requests, purpose + ".sig"));
        }

        // Import and finish.
        var imported = DetachedSigning.ReadSignatures(requests, SigningKeyFiles.LoadPublic(temp.Path("hsm.pub")));
        var inProcess = SigningKeyFiles.LoadPrivate(temp.Path("hsm.key"), "pin");

        Assert.Equal(keyId, imported.KeyId);
        Assert.Equal(DsseEnvelope.Sign(ProvenanceStatement.PayloadType, statement, inProcess).ToJson(),
            DsseEnvelope.Sign(ProvenanceStatement.PayloadType, statement, imported).ToJson());
        Assert.Equal(inProcess.Sign(sums), imported.Sign(sums));
    }

    [Fact]
    public void ReadSignatures_EcdsaSignedByOpenSslDgst_EnvelopeVerifies()
    {
        OpenSsl.Require();
        using var temp = new TempDirectory();
        var keyId = SigningKeyFiles.Generate(temp.Path("kms"), SigningKeyType.EcdsaP256, null);
        var statement = ProvenanceStatement.Write(SampleBuild.Create());
        var requests = temp.Path("requests");
        DetachedSigning.WriteRequests(requests, [SigningRequest.ForDsse(keyId, "provenance", ProvenanceStatement.PayloadType, statement)]);
        OpenSsl.Ok("dgst", "-sha256", "-sign", temp.Path("kms.key"), "-out", Path.Combine(requests, "provenance.sig"), Path.Combine(requests, "provenance.message"));

        var envelope = DsseEnvelope.Sign(ProvenanceStatement.PayloadType, statement, DetachedSigning.ReadSignatures(requests));

        Assert.True(envelope.Verify(SigningKeyFiles.LoadPublic(temp.Path("kms.pub"))));
        Assert.Equal(keyId, envelope.Signatures[0].KeyId);
    }

    [Fact]
    public void Sign_MissingSignature_ThrowsNamingPurposeAndFile()
    {
        using var temp = new TempDirectory();
        var requests = temp.Path("requests");
        DetachedSigning.WriteRequests(requests, [new SigningRequest("k", "SHA256SUMS", "sums"u8.ToArray()), new SigningRequest("k", "provenance", "pae"u8.ToArray())]);
        File.WriteAllBytes(Path.Combine(requests, "provenance.sig"), [1, 2, 3]);
        var signer = DetachedSigning.ReadSignatures(requests);

        var error = Assert.Throws<BasaltException>(() => signer.Sign("sums"u8));

        Assert.Equal($"No signature was imported for 'SHA256SUMS': expected '{Path.Combine(requests, "SHA256SUMS.sig")}'.", error.Message);
        Assert.Equal([1, 2, 3], signer.Sign("pae"u8));
    }

    [Fact]
    public void Sign_MessageNotExported_ThrowsListingPurposes()
    {
        using var temp = new TempDirectory();
        DetachedSigning.WriteRequests(temp.FullPath, [new SigningRequest("k", "provenance", "pae"u8.ToArray())]);
        File.WriteAllBytes(temp.Path("provenance.sig"), [1]);

        var error = Assert.Throws<BasaltException>(() => DetachedSigning.ReadSignatures(temp.FullPath).Sign("changed"u8));

        Assert.Contains("was not exported from", error.Message);
        Assert.Contains("(exported: 'provenance')", error.Message);
    }

    [Fact]
    public void ReadSignatures_WrongKeySignature_ThrowsNamingPurpose()
    {
        using var temp = new TempDirectory();
        SigningKeyFiles.Generate(temp.Path("right"), SigningKeyType.Ed25519, null);
        SigningKeyFiles.Generate(temp.Path("wrong"), SigningKeyType.Ed25519, null);
        var requests = temp.Path("requests");
        DetachedSigning.WriteRequests(requests, [new SigningRequest("k", "provenance", "pae"u8.ToArray())]);
        File.WriteAllBytes(Path.Combine(requests, "provenance.sig"), SigningKeyFiles.LoadPrivate(temp.Path("wrong.key"), null).Sign("pae"u8));

        var error = Assert.Throws<BasaltException>(() => DetachedSigning.ReadSignatures(requests, SigningKeyFiles.LoadPublic(temp.Path("right.pub"))));

        Assert.StartsWith($"The imported signature for 'provenance' ('{Path.Combine(requests, "provenance.sig")}') does not verify", error.Message);
    }

    [Fact]
    public void SigningRequest_Json_RoundTripsWithBase64Message()
    {
        var request = new SigningRequest("abc", "provenance", [0, 1, 2, 255]);

        var json = request.ToJson();
        var parsed = SigningRequest.Parse(json, "r.json");

        Assert.Equal("{\n  \"keyId\": \"abc\",\n  \"purpose\": \"provenance\",\n  \"message\": \"AAEC/w==\"\n}", System.Text.Encoding.UTF8.GetString(json));
        Assert.Equal(request.Message, parsed.Message);
        Assert.Equal(request.Purpose, parsed.Purpose);
    }

    [Theory]
    [InlineData("""{"keyId":"k","purpose":"../x","message":""}""", "Signing purpose '../x' in 'r.json' must be 1-100 letters, digits, '.', '_' or '-', not starting with '.'.")]
    [InlineData("""{"keyId":"k","purpose":"p"}""", "Signing request 'r.json' is not valid")]
    public void SigningRequest_ParseBad_Throws(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => SigningRequest.Parse(System.Text.Encoding.UTF8.GetBytes(json), "r.json"));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void WriteRequests_DifferentKeys_Throws()
        => Assert.Throws<ArgumentException>(() => DetachedSigning.WriteRequests(Path.GetTempPath(),
            [new SigningRequest("a", "x", [1]), new SigningRequest("b", "y", [1])]));
}
