using System.Security.Cryptography;
using Basalt.Trust.Signing;

namespace Basalt.Trust.Keys;

/// <summary>
/// Signing key files: <c>NAME.key</c> is a PKCS#8 PEM private key (RFC 7468 §10 "PRIVATE KEY", or §11 "ENCRYPTED
/// PRIVATE KEY" with a passphrase) and <c>NAME.pub</c> its SubjectPublicKeyInfo PEM (RFC 7468 §13 "PUBLIC KEY").
/// These are the files <c>openssl genpkey</c>/<c>openssl pkey -pubout</c> write, so either tool reads the other's keys.
/// </summary>
public static class SigningKeyFiles
{
    public const string PrivateKeyExtension = ".key";
    public const string PublicKeyExtension = ".pub";

    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicMode = PrivateMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Writes a new key pair to <c>NAME.key</c> (mode 0600 from the moment it exists) and <c>NAME.pub</c>; refuses to
    /// overwrite either. Returns the key id (hex SHA-256 of the SubjectPublicKeyInfo DER).
    /// </summary>
    public static string Generate(string pathWithoutExtension, SigningKeyType type, string? passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathWithoutExtension);
        if (passphrase is { Length: 0 })
        {
            throw new ArgumentException("The passphrase is empty; give none for an unencrypted key.", nameof(passphrase));
        }

        var keyPath = Path.GetFullPath(pathWithoutExtension + PrivateKeyExtension);
        var pubPath = Path.GetFullPath(pathWithoutExtension + PublicKeyExtension);
        foreach (var path in new[] { keyPath, pubPath })
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new IOException($"'{path}' already exists; Basalt never overwrites a key file (remove it or choose another name).");
            }
        }

        var (privateKeyInfo, publicKeyInfo) = NewKeyPair(type);
        try
        {
            var privatePem = passphrase is null
                ? Pem("PRIVATE KEY", privateKeyInfo)
                : Pem("ENCRYPTED PRIVATE KEY", Pkcs8Encryption.Encrypt(privateKeyInfo, passphrase));
            KeyFileWriter.WriteNew(keyPath, privatePem, PrivateMode);
            try
            {
                KeyFileWriter.WriteNew(pubPath, Pem("PUBLIC KEY", publicKeyInfo), PublicMode);
            }
            catch
            {
                // Never leave half a key pair behind: the private key we just created goes too.
                File.Delete(keyPath);
                throw;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKeyInfo);
        }

        return KeyEncoding.KeyId(publicKeyInfo);
    }

    /// <summary>
    /// Loads a PKCS#8 PEM private key (encrypted or not). Errors name the file: not a key, a wrong or missing
    /// passphrase, an unsupported algorithm or curve.
    /// </summary>
    public static ISigner LoadPrivate(string keyPath, string? passphrase)
    {
        var (label, der) = PemFile.Read(keyPath, ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY"]);
        try
        {
            if (label == "ENCRYPTED PRIVATE KEY")
            {
                if (passphrase is null)
                {
                    throw new CryptographicException($"The signing key '{keyPath}' is encrypted; a passphrase is required.");
                }

                var plain = Pkcs8Encryption.Decrypt(der, passphrase, keyPath);
                try
                {
                    return KeyEncoding.ReadPrivateKeyInfo(plain, keyPath);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(plain);
                }
            }

            return KeyEncoding.ReadPrivateKeyInfo(der, keyPath);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>Loads a SubjectPublicKeyInfo PEM public key.</summary>
    public static IVerifier LoadPublic(string pubPath)
    {
        var (_, der) = PemFile.Read(pubPath, ["PUBLIC KEY"]);
        return KeyEncoding.ReadSubjectPublicKeyInfo(der, pubPath);
    }

    /// <summary>The key id of a public key file, as <see cref="Generate"/> returned it.</summary>
    public static string KeyIdOf(string pubPath) => LoadPublic(pubPath).KeyId;

    private static (byte[] PrivateKeyInfo, byte[] PublicKeyInfo) NewKeyPair(SigningKeyType type)
    {
        switch (type)
        {
            case SigningKeyType.EcdsaP256:
                using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return (ecdsa.ExportPkcs8PrivateKey(), ecdsa.ExportSubjectPublicKeyInfo());
                }

            case SigningKeyType.Ed25519:
                var seed = RandomNumberGenerator.GetBytes(32);
                try
                {
                    return (KeyEncoding.Ed25519PrivateKeyInfo(seed), KeyEncoding.Ed25519SubjectPublicKeyInfo(Ed25519Signer.PublicKeyOf(seed)));
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(seed);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown signing key type.");
        }
    }

    private static string Pem(string label, byte[] der) => new string(PemEncoding.Write(label, der)) + "\n";
}
