using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Basalt.TestInfrastructure;
using Basalt.Trust.Dsse;
using Basalt.Trust.Keys;
using Basalt.Trust.Signing;

namespace Basalt.Trust.Tests.Dsse;

public sealed class DsseEnvelopeTests
{
    private const string Type = "application/vnd.in-toto+json";
    private static readonly byte[] Payload = """{"_type":"https://in-toto.io/Statement/v1"}"""u8.ToArray();

    // RFC 8032 §7.1 TEST 1 key (also key "A" of the DSSE vectors).
    private static readonly Ed25519Signer KeyA = new(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"), "A");

    [Fact]
    public void Pae_ProtocolExample_KnownAnswer()
        => Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world"u8.ToArray(), DsseEnvelope.Pae("http://example.com/HelloWorld", "hello world"u8));

    [Fact]
    public void Pae_EmptyTypeAndBody_KeepsEverySeparator()
        => Assert.Equal("DSSEv1 0  0 "u8.ToArray(), DsseEnvelope.Pae("", []));

    [Fact]
    public void Verify_ProtocolExampleEcdsaSignature_Accepts()
    {
        // protocol.md "Test Vectors": ECDSA P-256/SHA-256 with the raw r||s signature; our verifier takes DER.
        var x = BigInteger.Parse("46950820868899156662930047687818585632848591499744589407958293238635476079160");
        var y = BigInteger.Parse("5640078356564379163099075877009565129882514886557779369047442380624545832820");
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = FixedWidth(x), Y = FixedWidth(y) },
        };
        var envelope = DsseEnvelope.Parse(
            """{"payload": "aGVsbG8gd29ybGQ=", "payloadType": "http://example.com/HelloWorld", "signatures": [{"sig": "A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA=="}]}"""u8,
            "protocol.md");
        var raw = envelope.Signatures[0].Signature;
        var der = new DsseEnvelope(envelope.PayloadType, envelope.Payload, [new DsseSignature(null, ToDer(raw))]);

        Assert.True(der.Verify(new EcdsaP256Verifier(parameters, "example")));
        Assert.False((der with { Payload = "hello world!"u8.ToArray() }).Verify(new EcdsaP256Verifier(parameters, "example")));
    }

    [Theory]
    [InlineData(SigningKeyType.Ed25519)]
    [InlineData(SigningKeyType.EcdsaP256)]
    public void Sign_KeyFile_RoundTripsThroughJsonAndVerifies(SigningKeyType type)
    {
        using var temp = new TempDirectory();
        var keyId = SigningKeyFiles.Generate(temp.Path("k"), type, null);

        var envelope = DsseEnvelope.Sign(Type, Payload, SigningKeyFiles.LoadPrivate(temp.Path("k.key"), null));
        var parsed = DsseEnvelope.Parse(envelope.ToJson(), "k.dsse");

        Assert.Equal(Type, parsed.PayloadType);
        Assert.Equal(Payload, parsed.Payload);
        Assert.Equal(keyId, Assert.Single(parsed.Signatures).KeyId);
        Assert.True(parsed.Verify(SigningKeyFiles.LoadPublic(temp.Path("k.pub"))));
        Assert.Equal(envelope.ToJson(), parsed.ToJson());
    }

    [Fact]
    public void ToJson_Ed25519Envelope_IsExactBytes()
    {
        var envelope = DsseEnvelope.Sign(Type, Payload, KeyA);

        // The signature equals the "single-signature" DSSE vector's: same key, same PAE.
        Assert.Equal(
            """{"payloadType":"application/vnd.in-toto+json","payload":"eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==","signatures":[{"keyid":"A","sig":"2WAfaHm5jluo0w+0rk8uVkluELJYWjSmU9x7EUzx+AyteDGJ4/nqyJXfmAUVFIAoQafWm7AxBZNw5M9ixNHiCA=="}]}""",
            Encoding.UTF8.GetString(envelope.ToJson()));
    }

    [Fact]
    public void Verify_TamperedPayloadSignatureTypeOrKeyId_Rejects()
    {
        var envelope = DsseEnvelope.Sign(Type, Payload, KeyA);
        var verifier = new Ed25519Verifier(KeyA.PublicKey, "A");
        var signature = envelope.Signatures[0];
        var flippedPayload = (byte[])Payload.Clone();
        flippedPayload[5] ^= 1;
        var flippedSig = (byte[])signature.Signature.Clone();
        flippedSig[10] ^= 0x80;

        Assert.True(envelope.Verify(verifier));
        Assert.False((envelope with { Payload = flippedPayload }).Verify(verifier));
        Assert.False((envelope with { Signatures = [signature with { Signature = flippedSig }] }).Verify(verifier));
        Assert.False((envelope with { PayloadType = "application/json" }).Verify(verifier));
        Assert.False((envelope with { Signatures = [signature with { KeyId = "B" }] }).Verify(verifier));
        Assert.False((envelope with { Signatures = [] }).Verify(verifier));
    }

    [Fact]
    public void ParseCanonical_AnyFlippedBit_RejectsOrFailsToParse()
    {
        // Any one-bit change to a written envelope either breaks (canonical) parsing or breaks verification.
        var json = DsseEnvelope.Sign(Type, Payload, KeyA).ToJson();
        var verifier = new Ed25519Verifier(KeyA.PublicKey, "A");
        for (var i = 0; i < json.Length; i++)
        {
            var copy = (byte[])json.Clone();
            copy[i] ^= 0x01;
            try
            {
                Assert.False(DsseEnvelope.ParseCanonical(copy, "tampered").Verify(verifier), $"byte {i} changed, still verifies");
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Fact]
    public void Parse_RenamedKeyIdField_StillVerifiesButParseCanonicalRejects()
    {
        // envelope.md: unknown fields are ignored and keyid is optional, so the lenient parse accepts this edit.
        var json = Encoding.UTF8.GetString(DsseEnvelope.Sign(Type, Payload, KeyA).ToJson()).Replace("\"keyid\"", "\"keyie\"", StringComparison.Ordinal);

        Assert.True(DsseEnvelope.Parse(Encoding.UTF8.GetBytes(json), "e").Verify(new Ed25519Verifier(KeyA.PublicKey, "A")));
        var error = Assert.Throws<InvalidDataException>(() => DsseEnvelope.ParseCanonical(Encoding.UTF8.GetBytes(json), "e"));
        Assert.Equal("DSSE envelope 'e' is not in the form Basalt writes (edited after signing?).", error.Message);
    }

    [Theory]
    [InlineData("AB==")]
    [InlineData("AAB=")]
    public void Parse_NonZeroPaddingBits_Rejects(string payload)
    {
        // RFC 4648 §3.5: otherwise two spellings decode to the same bytes and an edit would go unnoticed.
        var error = Assert.Throws<InvalidDataException>(() => DsseEnvelope.Parse(Encoding.UTF8.GetBytes($$"""{"payload":"{{payload}}","payloadType":"t","signatures":[]}"""), "e"));

        Assert.Equal("DSSE envelope 'e': 'payload' is not canonical base64 (non-zero padding bits).", error.Message);
    }

    [Fact]
    public void Verify_ForeignKey_Rejects()
    {
        var foreign = new Ed25519Signer(Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"), "A");
        var envelope = DsseEnvelope.Sign(Type, Payload, foreign);

        Assert.False(envelope.Verify(new Ed25519Verifier(KeyA.PublicKey, "A")));
    }

    [Fact]
    public void Verify_ThresholdTwoWithOneKey_Rejects()
    {
        var envelope = DsseEnvelope.Sign(Type, Payload, KeyA).AddSignature(KeyA);

        Assert.False(envelope.Verify(new Ed25519Verifier(KeyA.PublicKey, "A"), threshold: 2));
    }

    [Fact]
    public void Verify_SameKeyListedTwice_Throws()
    {
        var envelope = DsseEnvelope.Sign(Type, Payload, KeyA).AddSignature(KeyA);
        var verifier = new Ed25519Verifier(KeyA.PublicKey, "A");

        Assert.Throws<ArgumentException>(() => envelope.Verify([verifier, new Ed25519Verifier(KeyA.PublicKey, "A")], 2));
    }

    [Theory]
    [InlineData("[]", "DSSE envelope 'e.json' is not a JSON object.")]
    [InlineData("""{"payloadType":"t","signatures":[]}""", "DSSE envelope 'e.json' has no string 'payload'.")]
    [InlineData("""{"payload":"","signatures":[]}""", "DSSE envelope 'e.json' has no string 'payloadType'.")]
    [InlineData("""{"payload":"","payloadType":"t"}""", "DSSE envelope 'e.json' has no 'signatures' array.")]
    [InlineData("""{"payload":"","payloadType":"t","signatures":[{"keyid":"x"}]}""", "DSSE envelope 'e.json' has no string 'signatures[0].sig'.")]
    [InlineData("""{"payload":"a b=","payloadType":"t","signatures":[]}""", "DSSE envelope 'e.json': 'payload' is not valid base64 (standard or URL-safe).")]
    [InlineData("""{"payload":"","payload":"AA==","payloadType":"t","signatures":[]}""", "DSSE envelope 'e.json': 'envelope' has the key 'payload' twice.")]
    [InlineData("""{"payload":"","payloadType":"t","signatures":[{"sig":"","keyid":1}]}""", "DSSE envelope 'e.json': 'signatures[0].keyid' is not a string.")]
    public void Parse_Malformed_ThrowsNamingField(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => DsseEnvelope.Parse(Encoding.UTF8.GetBytes(json), "e.json"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_NotJson_ThrowsNamingFile()
    {
        var error = Assert.Throws<InvalidDataException>(() => DsseEnvelope.Parse("{\"payload\":"u8, "e.json"));

        Assert.StartsWith("DSSE envelope 'e.json' is not valid JSON", error.Message);
    }

    [Fact]
    public void Parse_UnknownFieldsAndEmptyKeyId_IgnoredAndNull()
    {
        var envelope = DsseEnvelope.Parse("""{"payload":"","payloadType":"t","extra":1,"signatures":[{"sig":"AA","keyid":"","x":true}]}"""u8, "e.json");

        Assert.Null(Assert.Single(envelope.Signatures).KeyId);
        Assert.Equal(new byte[] { 0 }, envelope.Signatures[0].Signature);
    }

    private static byte[] FixedWidth(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - bytes.Length], .. bytes];
    }

    private static byte[] ToDer(byte[] raw)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(raw.AsSpan(0, 32));
            writer.WriteIntegerUnsigned(raw.AsSpan(32));
        }

        return writer.Encode();
    }
}
