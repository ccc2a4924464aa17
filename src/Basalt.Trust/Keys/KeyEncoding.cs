using System.Formats.Asn1;
using System.Security.Cryptography;
using Basalt.Trust.Signing;

namespace Basalt.Trust.Keys;

/// <summary>
/// PKCS#8 PrivateKeyInfo (RFC 5208 §5, RFC 5958 §2) and SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) for the two key
/// types. Ed25519 follows RFC 8410 §7 (the private key is an OCTET STRING inside the privateKey OCTET STRING);
/// P-256 keys go through .NET's own importer once the curve is known to be P-256.
/// </summary>
internal static class KeyEncoding
{
    private const int Ed25519KeyLength = 32;

    public static string KeyId(ReadOnlySpan<byte> subjectPublicKeyInfo)
        => Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));

    public static byte[] Ed25519PrivateKeyInfo(ReadOnlySpan<byte> seed)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(KeyOids.Ed25519);
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            inner.WriteOctetString(seed);
            writer.WriteOctetString(inner.Encode());
        }

        return writer.Encode();
    }

    public static byte[] Ed25519SubjectPublicKeyInfo(ReadOnlySpan<byte> publicKey)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(KeyOids.Ed25519);
            }

            writer.WriteBitString(publicKey);
        }

        return writer.Encode();
    }

    /// <summary>A signer for a DER PrivateKeyInfo; <paramref name="name"/> is the file named in errors.</summary>
    public static ISigner ReadPrivateKeyInfo(byte[] der, string name)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var info = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            if (!info.TryReadInt32(out var version) || version is not (0 or 1))
            {
                throw new InvalidDataException($"'{name}' is not a PKCS#8 private key: unknown version.");
            }

            var (algorithm, curve) = ReadAlgorithm(info, name);
            if (algorithm == KeyOids.Ed25519)
            {
                var seed = new AsnReader(info.ReadOctetString(), AsnEncodingRules.DER).ReadOctetString();
                if (seed.Length != Ed25519KeyLength)
                {
                    throw new InvalidDataException($"'{name}': an Ed25519 private key is {Ed25519KeyLength} bytes, not {seed.Length}.");
                }

                var result = new Ed25519Signer(seed, KeyId(Ed25519SubjectPublicKeyInfo(Ed25519Signer.PublicKeyOf(seed))));
                CryptographicOperations.ZeroMemory(seed);
                return result;
            }

            RequireP256(algorithm, curve, name);
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(der, out _);
            return new EcdsaP256Signer(ecdsa.ExportParameters(includePrivateParameters: true), KeyId(ecdsa.ExportSubjectPublicKeyInfo()));
        }
        catch (Exception exception) when (exception is AsnContentException or CryptographicException)
        {
            throw new InvalidDataException($"'{name}' is not a valid PKCS#8 private key: {exception.Message}", exception);
        }
    }

    /// <summary>A verifier for a DER SubjectPublicKeyInfo.</summary>
    public static IVerifier ReadSubjectPublicKeyInfo(byte[] der, string name)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var info = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var (algorithm, curve) = ReadAlgorithm(info, name);
            var keyId = KeyId(der);
            if (algorithm == KeyOids.Ed25519)
            {
                var key = info.ReadBitString(out var unusedBits);
                if (unusedBits != 0 || key.Length != Ed25519KeyLength)
                {
                    throw new InvalidDataException($"'{name}': an Ed25519 public key is {Ed25519KeyLength} bytes.");
                }

                try
                {
                    return new Ed25519Verifier(key, keyId);
                }
                catch (ArgumentException exception)
                {
                    throw new InvalidDataException($"'{name}' does not hold a valid Ed25519 public key: {exception.Message}", exception);
                }
            }

            RequireP256(algorithm, curve, name);
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(der, out _);
            return new EcdsaP256Verifier(ecdsa.ExportParameters(includePrivateParameters: false), keyId);
        }
        catch (Exception exception) when (exception is AsnContentException or CryptographicException)
        {
            throw new InvalidDataException($"'{name}' is not a valid public key (SubjectPublicKeyInfo): {exception.Message}", exception);
        }
    }

    /// <summary>Reads an AlgorithmIdentifier; for EC keys also the named curve (RFC 5480 §2.1.1 ECParameters).</summary>
    private static (string Algorithm, string? Curve) ReadAlgorithm(AsnReader info, string name)
    {
        var identifier = info.ReadSequence();
        var algorithm = identifier.ReadObjectIdentifier();
        if (algorithm == KeyOids.Ed25519)
        {
            // RFC 8410 §3: the parameters MUST be absent.
            identifier.ThrowIfNotEmpty();
            return (algorithm, null);
        }

        if (algorithm != KeyOids.EcPublicKey)
        {
            throw new NotSupportedException($"'{name}' holds a {KeyOids.Describe(algorithm)} key; Basalt signs with Ed25519 or ECDSA P-256.");
        }

        if (!identifier.HasData || identifier.PeekTag() != Asn1Tag.ObjectIdentifier)
        {
            throw new NotSupportedException($"'{name}' holds an EC key with explicit or implicit curve parameters; Basalt accepts only the named curve P-256.");
        }

        return (algorithm, identifier.ReadObjectIdentifier());
    }

    private static void RequireP256(string algorithm, string? curve, string name)
    {
        if (algorithm == KeyOids.EcPublicKey && curve != KeyOids.P256)
        {
            throw new NotSupportedException($"'{name}' holds an EC key on the unsupported curve {KeyOids.Describe(curve ?? "?")}; Basalt accepts only P-256 (prime256v1).");
        }
    }
}
