using System.Text;
using System.Text.Json;
using Basalt.TestInfrastructure;
using Basalt.Trust.Dsse;
using Basalt.Trust.Signing;

namespace Basalt.Trust.Tests.Dsse;

/// <summary>The 9 DSSE vectors (secure-systems-lab/dsse testvectors/vectors.json, RFC 8032 §7.1 test keys A and B).</summary>
public sealed class DsseVectorTests
{
    private const string VectorsPath = "attestation/dsse/testvectors@82043ad/testvectors/vectors.json";

    public static TheoryData<string> VectorIds()
    {
        var data = new TheoryData<string>();
        foreach (var vector in Load().RootElement.GetProperty("vectors").EnumerateArray())
        {
            data.Add(vector.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Fact]
    public void Vectors_File_HasNine()
        => Assert.Equal(9, Load().RootElement.GetProperty("vectors").GetArrayLength());

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Verify_Vector_GivesExpectedVerdict(string id)
    {
        using var document = Load();
        var vector = document.RootElement.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);
        var keys = document.RootElement.GetProperty("keys");
        var envelope = DsseEnvelope.Parse(Encoding.UTF8.GetBytes(vector.GetProperty("envelope").GetRawText()), id);
        var trusted = vector.GetProperty("trustedKeys").EnumerateArray()
            .Select(k => (IVerifier)new Ed25519Verifier(Convert.FromHexString(keys.GetProperty(k.GetString()!).GetProperty("public").GetString()!), k.GetString()!))
            .ToList();
        var supported = vector.GetProperty("supportedPayloadTypes").EnumerateArray().Select(t => t.GetString()!).ToList();

        var accepted = envelope.Verify(trusted, vector.GetProperty("threshold").GetInt32(), supported);

        // "pae" is what the signatures cover: the envelope's own PAE, except where the vector swapped the type afterwards.
        var signedPae = Convert.FromHexString(vector.GetProperty("pae").GetString()!);
        if (id == "payload-type-swapped")
        {
            Assert.NotEqual(signedPae, DsseEnvelope.Pae(envelope.PayloadType, envelope.Payload));
            Assert.True(trusted[0].Verify(signedPae, envelope.Signatures[0].Signature));
        }
        else
        {
            Assert.Equal(signedPae, DsseEnvelope.Pae(envelope.PayloadType, envelope.Payload));
        }

        Assert.Equal(vector.GetProperty("expect").GetString() == "accept", accepted);
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Sign_VectorKeys_ReproduceEverySignatureThatVerifies(string id)
    {
        // Ed25519 is deterministic, so signing the vector's PAE with the seed of whichever key verifies must give
        // the vector's bytes (the swapped-type vector signs another PAE, so none verifies there).
        using var document = Load();
        var vector = document.RootElement.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);
        var envelope = DsseEnvelope.Parse(Encoding.UTF8.GetBytes(vector.GetProperty("envelope").GetRawText()), id);
        var signers = document.RootElement.GetProperty("keys").EnumerateObject()
            .Select(k => new Ed25519Signer(Convert.FromHexString(k.Value.GetProperty("seed").GetString()!), k.Name)).ToList();
        var pae = DsseEnvelope.Pae(envelope.PayloadType, envelope.Payload);

        foreach (var signature in envelope.Signatures)
        {
            var matches = signers.Where(s => s.Sign(pae).AsSpan().SequenceEqual(signature.Signature)).ToList();
            Assert.Equal(id == "payload-type-swapped" ? 0 : 1, matches.Count);
        }
    }

    [Fact]
    public void Keys_VectorSeeds_GiveVectorPublicKeys()
    {
        using var document = Load();
        foreach (var key in document.RootElement.GetProperty("keys").EnumerateObject())
        {
            Assert.Equal(key.Value.GetProperty("public").GetString(),
                Convert.ToHexStringLower(Ed25519Signer.PublicKeyOf(Convert.FromHexString(key.Value.GetProperty("seed").GetString()!))));
        }
    }

    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllBytes(Fixtures.Path(VectorsPath)));
}
