using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Basalt.TestInfrastructure;
using Basalt.Trust.Dsse;
using Basalt.Trust.Keys;

namespace Basalt.Trust.Tests.Dsse;

/// <summary>
/// Real DSSE envelopes signed by Sigstore clients (sigstore-conformance bundle-verify assets): ECDSA P-256, DER
/// signatures, keys in the bundle's Fulcio certificate. Only the DSSE signature is checked here, not the log or chain.
/// </summary>
public sealed class SigstoreDsseTests
{
    [Theory]
    [InlineData("happy-path-intoto-in-dsse-v3", true)]
    [InlineData("rekor2-dsse-happy-path", true)]
    [InlineData("dsse-invalid-sig_fail", false)]
    public void Verify_SigstoreBundleEnvelope_MatchesExpectation(string asset, bool expected)
    {
        var path = Fixtures.Path($"attestation/sigstore-conformance/test/assets/bundle-verify/{asset}/bundle.sigstore.json");
        using var bundle = JsonDocument.Parse(File.ReadAllBytes(path));
        var certificate = bundle.RootElement.GetProperty("verificationMaterial").GetProperty("certificate").GetProperty("rawBytes").GetString()!;
        using var x509 = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate));
        using var key = x509.GetECDsaPublicKey()!;
        var verifier = KeyEncoding.ReadSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), asset);
        var envelope = DsseEnvelope.Parse(Encoding.UTF8.GetBytes(bundle.RootElement.GetProperty("dsseEnvelope").GetRawText()), asset);

        Assert.Equal(expected, envelope.Verify(verifier));
        Assert.Equal("application/vnd.in-toto+json", envelope.PayloadType);
    }
}
