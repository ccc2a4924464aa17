using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Basalt.Repositories.Signing;

/// <summary>
/// Signs repomd.xml with a detached, armored OpenPGP signature (repomd.xml.asc, RFC 4880/9580 section 5.2, type 0x00
/// binary document, SHA-256). The creation time is given (raised to the key's own creation time when older), so RSA and EdDSA keys give the same bytes on every run.
/// </summary>
public static class RepoMdSigner
{
    /// <summary>Signs <paramref name="data"/> with the first signing-capable secret key in <paramref name="secretKeyFile"/>.</summary>
    public static byte[] Sign(byte[] data, string secretKeyFile, string passphrase, DateTimeOffset creationTime)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(passphrase);
        var secretKey = FindSigningKey(secretKeyFile);
        PgpPrivateKey privateKey;
        try
        {
            privateKey = secretKey.ExtractPrivateKey(passphrase.ToCharArray());
        }
        catch (PgpException ex)
        {
            throw new InvalidDataException($"Secret key file '{secretKeyFile}': cannot unlock key {secretKey.KeyId:X16}: {ex.Message}", ex);
        }

        var generator = new PgpSignatureGenerator(secretKey.PublicKey.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.BinaryDocument, privateKey);
        var subpackets = new PgpSignatureSubpacketGenerator();
        // A signature older than its key is rejected by gpg ("time conflict"): never date it before the key.
        var created = creationTime.UtcDateTime < secretKey.PublicKey.CreationTime ? secretKey.PublicKey.CreationTime : creationTime.UtcDateTime;
        subpackets.SetSignatureCreationTime(false, created);
        subpackets.SetIssuerFingerprint(false, secretKey.PublicKey);
        generator.SetHashedSubpackets(subpackets.Generate());
        var unhashed = new PgpSignatureSubpacketGenerator();
        unhashed.SetIssuerKeyID(false, secretKey.KeyId);
        generator.SetUnhashedSubpackets(unhashed.Generate());
        generator.Update(data);
        var signature = generator.Generate();

        using var buffer = new MemoryStream();
        using (var armored = new ArmoredOutputStream(buffer))
        {
            signature.Encode(armored);
        }

        return buffer.ToArray();
    }

    private static PgpSecretKey FindSigningKey(string file)
    {
        try
        {
            using var input = PgpUtilities.GetDecoderStream(File.OpenRead(file));
            var bundle = new PgpSecretKeyRingBundle(input);
            foreach (PgpSecretKeyRing ring in bundle.GetKeyRings())
            {
                foreach (PgpSecretKey key in ring.GetSecretKeys())
                {
                    if (key.IsSigningKey && !key.IsPrivateKeyEmpty)
                    {
                        return key;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or PgpException)
        {
            throw new InvalidDataException($"Secret key file '{file}' is not an OpenPGP secret key: {ex.Message}", ex);
        }

        throw new InvalidDataException($"Secret key file '{file}' holds no signing-capable secret key.");
    }
}
