using Basalt.TestInfrastructure;
using Basalt.Trust.Checksums;
using Basalt.Trust.Dsse;
using Basalt.Trust.Keys;
using Basalt.Trust.Provenance;
using Basalt.Trust.Signing;
using Basalt.Trust.Tests.Provenance;

namespace Basalt.Trust.Tests.Dsse;

/// <summary>Every reader of trust files, handed mutated valid input, fails only with InvalidDataException.</summary>
public sealed class TrustParserFuzzTests
{
    private static readonly Ed25519Signer Key = new(new byte[32], "k");

    [Fact]
    public void Parse_MutatedEnvelope_OnlyInvalidData()
    {
        var json = DsseEnvelope.Sign(ProvenanceStatement.PayloadType, "{}"u8.ToArray(), Key).ToJson();

        MutationFuzzer.Run(json, [(0, json.Length)], bytes => DsseEnvelope.ParseCanonical(bytes, "fuzz"), defaultIterations: 2000);
    }

    [Fact]
    public void Read_MutatedProvenance_OnlyInvalidData()
    {
        var statement = ProvenanceStatement.Write(SampleBuild.Create());

        MutationFuzzer.Run(statement, [(0, statement.Length)], bytes => ProvenanceStatement.Read(bytes, "fuzz"), defaultIterations: 2000);
    }

    [Fact]
    public void Read_MutatedSha256Sums_OnlyInvalidData()
    {
        var sums = Sha256Sums.Write(SampleBuild.Create().Artifacts);

        MutationFuzzer.Run(sums, [(0, sums.Length)], bytes => Sha256Sums.Read(bytes, "fuzz"), defaultIterations: 2000);
    }

    [Fact]
    public void Parse_MutatedSigningRequest_OnlyInvalidData()
    {
        var json = new SigningRequest("k", "provenance", [1, 2, 3]).ToJson();

        MutationFuzzer.Run(json, [(0, json.Length)], bytes => SigningRequest.Parse(bytes, "fuzz"), defaultIterations: 2000);
    }

    [Fact]
    public void ReadPrivateKeyInfo_MutatedDer_OnlyInvalidDataOrNotSupported()
    {
        var der = KeyEncoding.Ed25519PrivateKeyInfo(new byte[32]);

        MutationFuzzer.Run(der, [(0, der.Length)], bytes => NotSupportedIsFine(() => KeyEncoding.ReadPrivateKeyInfo(bytes, "fuzz")), defaultIterations: 2000);
    }

    [Fact]
    public void Decrypt_MutatedEncryptedKey_OnlyInvalidDataNotSupportedOrWrongPassphrase()
    {
        var der = Pkcs8Encryption.Encrypt(KeyEncoding.Ed25519PrivateKeyInfo(new byte[32]), "pw", iterations: 1000);

        MutationFuzzer.Run(der, [(0, der.Length)], bytes => NotSupportedIsFine(() =>
        {
            try
            {
                Pkcs8Encryption.Decrypt(bytes, "pw", "fuzz");
            }
            catch (System.Security.Cryptography.CryptographicException exception) when (exception.Message.Contains("wrong passphrase", StringComparison.Ordinal))
            {
                // A mutated salt, IV or ciphertext is indistinguishable from a wrong passphrase.
            }
        }), defaultIterations: 500);
    }

    private static void NotSupportedIsFine(Action action)
    {
        try
        {
            action();
        }
        catch (NotSupportedException)
        {
            // A mutated OID names an algorithm or cipher we refuse: a clear error, not a crash.
        }
    }
}
