using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace Basalt.Trust.Keys;

/// <summary>
/// EncryptedPrivateKeyInfo (RFC 5208 §6) with PBES2 (RFC 8018 §6.2): PBKDF2 with an HMAC-SHA-2 PRF and AES-CBC.
/// We write PBKDF2-HMAC-SHA256 and AES-256-CBC, as <c>openssl pkcs8 -topk8 -v2 aes-256-cbc</c> does, and read any
/// PBES2 file whose PRF is HMAC-SHA1/256/384/512 and cipher AES-128/192/256-CBC. The passphrase is its UTF-8
/// bytes (PBKDF2 takes an octet string; openssl passes the bytes it is given).
/// </summary>
internal static class Pkcs8Encryption
{
    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a quarter of a second here, once per build.</summary>
    public const int WriteIterations = 600_000;

    /// <summary>A hostile file must not buy minutes of CPU with a huge count.</summary>
    private const int MaxIterations = 10_000_000;

    private const int SaltLength = 16;
    private const int AesBlock = 16;

    public static byte[] Encrypt(ReadOnlySpan<byte> privateKeyInfo, string passphrase, int iterations = WriteIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var iv = RandomNumberGenerator.GetBytes(AesBlock);
        var key = DeriveKey(passphrase, salt, iterations, HashAlgorithmName.SHA256, 32);
        byte[] ciphertext;
        using (var aes = Aes.Create())
        {
            aes.Key = key;
            ciphertext = aes.EncryptCbc(privateKeyInfo, iv, PaddingMode.PKCS7);
        }

        CryptographicOperations.ZeroMemory(key);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(KeyOids.Pbes2);
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(KeyOids.Pbkdf2);
                        using (writer.PushSequence())
                        {
                            writer.WriteOctetString(salt);
                            writer.WriteInteger(iterations);
                            using (writer.PushSequence())
                            {
                                writer.WriteObjectIdentifier(KeyOids.HmacWithSha256);
                                writer.WriteNull();
                            }
                        }
                    }

                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(KeyOids.Aes256Cbc);
                        writer.WriteOctetString(iv);
                    }
                }
            }

            writer.WriteOctetString(ciphertext);
        }

        return writer.Encode();
    }

    /// <summary>The PrivateKeyInfo DER inside; throws naming <paramref name="name"/> for a wrong passphrase or an unsupported scheme.</summary>
    public static byte[] Decrypt(byte[] encryptedPrivateKeyInfo, string passphrase, string name)
    {
        byte[] salt, iv, ciphertext;
        int iterations, keyLength;
        HashAlgorithmName prf;
        try
        {
            var reader = new AsnReader(encryptedPrivateKeyInfo, AsnEncodingRules.DER);
            var info = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var algorithm = info.ReadSequence();
            var scheme = algorithm.ReadObjectIdentifier();
            if (scheme != KeyOids.Pbes2)
            {
                throw new NotSupportedException($"'{name}' is encrypted with {scheme}; Basalt reads PBES2 (openssl pkcs8 -topk8 -v2 aes-256-cbc).");
            }

            var parameters = algorithm.ReadSequence();
            (salt, iterations, prf, var declaredKeyLength) = ReadPbkdf2(parameters.ReadSequence(), name);
            var cipher = parameters.ReadSequence();
            var cipherOid = cipher.ReadObjectIdentifier();
            keyLength = cipherOid switch
            {
                KeyOids.Aes128Cbc => 16,
                KeyOids.Aes192Cbc => 24,
                KeyOids.Aes256Cbc => 32,
                _ => throw new NotSupportedException($"'{name}' is encrypted with the cipher {cipherOid}; Basalt reads AES-CBC."),
            };
            if (declaredKeyLength is { } declared && declared != keyLength)
            {
                throw new InvalidDataException($"'{name}': the PBKDF2 key length {declared} does not fit the cipher {cipherOid}.");
            }

            iv = cipher.ReadOctetString();
            ciphertext = info.ReadOctetString();
            if (iv.Length != AesBlock || ciphertext.Length == 0 || ciphertext.Length % AesBlock != 0)
            {
                throw new InvalidDataException($"'{name}': the AES-CBC IV or ciphertext has an impossible length.");
            }
        }
        catch (AsnContentException exception)
        {
            throw new InvalidDataException($"'{name}' is not a valid encrypted PKCS#8 key: {exception.Message}", exception);
        }

        var key = DeriveKey(passphrase, salt, iterations, prf, keyLength);
        try
        {
            using var aes = Aes.Create();
            aes.Key = key;
            var plain = aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
            // A wrong key passes the padding check about once in 256 tries; the DER must parse too.
            var check = new AsnReader(plain, AsnEncodingRules.DER);
            check.ReadSequence();
            check.ThrowIfNotEmpty();
            return plain;
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException)
        {
            throw new CryptographicException($"Cannot decrypt the signing key '{name}': wrong passphrase.", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static (byte[] Salt, int Iterations, HashAlgorithmName Prf, int? KeyLength) ReadPbkdf2(AsnReader kdf, string name)
    {
        var oid = kdf.ReadObjectIdentifier();
        if (oid != KeyOids.Pbkdf2)
        {
            throw new NotSupportedException($"'{name}' derives its key with {oid}; Basalt reads PBKDF2.");
        }

        var parameters = kdf.ReadSequence();
        // RFC 8018 §A.2: salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier }; only "specified" is in use.
        var salt = parameters.ReadOctetString();
        if (!parameters.TryReadInt32(out var iterations) || iterations is < 1 or > MaxIterations)
        {
            throw new InvalidDataException($"'{name}': the PBKDF2 iteration count is outside 1..{MaxIterations}.");
        }

        int? keyLength = null;
        if (parameters.HasData && parameters.PeekTag() == Asn1Tag.Integer)
        {
            keyLength = parameters.TryReadInt32(out var length) ? length : -1;
        }

        var prf = HashAlgorithmName.SHA1; // the DEFAULT of PBKDF2-params.prf
        if (parameters.HasData)
        {
            var identifier = parameters.ReadSequence();
            var prfOid = identifier.ReadObjectIdentifier();
            prf = prfOid switch
            {
                KeyOids.HmacWithSha1 => HashAlgorithmName.SHA1,
                KeyOids.HmacWithSha256 => HashAlgorithmName.SHA256,
                KeyOids.HmacWithSha384 => HashAlgorithmName.SHA384,
                KeyOids.HmacWithSha512 => HashAlgorithmName.SHA512,
                _ => throw new NotSupportedException($"'{name}' uses the PBKDF2 PRF {prfOid}; Basalt reads HMAC-SHA1/256/384/512."),
            };
        }

        return (salt, iterations, prf, keyLength);
    }

    private static byte[] DeriveKey(string passphrase, byte[] salt, int iterations, HashAlgorithmName prf, int length)
    {
        var password = Encoding.UTF8.GetBytes(passphrase);
        try
        {
            return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, prf, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }
}
