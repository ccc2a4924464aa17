using Basalt.Rpm.Format;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Basalt.Rpm.Writer;

/// <summary>
/// Makes the OpenPGP header signature rpmsign adds to a v4 package: a v4 binary-document signature (RFC 4880
/// section 5.2, type 0x00) with SHA-256 over the main header's bytes, stored in RPMSIGTAG_RSA (268) for RSA keys and
/// RPMSIGTAG_DSA (267) for DSA, ECDSA and EdDSA keys. RSA and EdDSA signatures are deterministic, so with a fixed
/// creation time (SOURCE_DATE_EPOCH) a signed package is still byte-reproducible.
/// </summary>
internal sealed class RpmHeaderSigner
{
    private readonly PgpSecretKey _key;
    private readonly PgpPrivateKey _privateKey;

    private RpmHeaderSigner(PgpSecretKey key, PgpPrivateKey privateKey)
    {
        _key = key;
        _privateKey = privateKey;
    }

    /// <summary>The signature tag rpm expects for this key's algorithm.</summary>
    public int SignatureTag => _key.PublicKey.Algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign
        ? (int)RpmSignatureTag.Rsa
        : (int)RpmSignatureTag.Dsa;

    /// <summary>Reads the first signing-capable key of an armored (or binary) secret key file.</summary>
    public static RpmHeaderSigner Load(string path, string? passphrase)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The signing key '{path}' does not exist.", path);
        }

        PgpSecretKeyRingBundle bundle;
        try
        {
            using var file = File.OpenRead(path);
            using var decoded = PgpUtilities.GetDecoderStream(file);
            bundle = new PgpSecretKeyRingBundle(decoded);
        }
        catch (Exception ex) when (ex is PgpException or IOException)
        {
            throw new InvalidDataException($"'{path}' is not an OpenPGP secret key file: {ex.Message}", ex);
        }

        var key = bundle.GetKeyRings().SelectMany(ring => ring.GetSecretKeys()).FirstOrDefault(k => k.IsSigningKey && !k.IsPrivateKeyEmpty)
            ?? throw new InvalidDataException($"'{path}' holds no secret key that can sign.");
        try
        {
            return new RpmHeaderSigner(key, key.ExtractPrivateKey((passphrase ?? "").ToCharArray()));
        }
        catch (PgpException ex)
        {
            throw new InvalidDataException($"The secret key {key.KeyId:X16} in '{path}' cannot be unlocked (wrong or missing passphrase?): {ex.Message}", ex);
        }
    }

    /// <summary>Signs <paramref name="header"/> (the main header as written, magic included) and returns the signature packet.</summary>
    public byte[] Sign(byte[] header, long creationTime)
    {
        var generator = new PgpSignatureGenerator(_key.PublicKey.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.BinaryDocument, _privateKey);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, DateTimeOffset.FromUnixTimeSeconds(creationTime).UtcDateTime);
        hashed.SetIssuerFingerprint(false, _key.PublicKey);
        generator.SetHashedSubpackets(hashed.Generate());
        var unhashed = new PgpSignatureSubpacketGenerator();
        unhashed.SetIssuerKeyID(false, _key.KeyId);
        generator.SetUnhashedSubpackets(unhashed.Generate());
        generator.Update(header);
        return generator.Generate().GetEncoded();
    }
}
