using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Basalt.Repositories.Signing;

/// <summary>
/// Verifies repomd.xml against its detached, usually armored OpenPGP signature repomd.xml.asc (dnf's repo_gpgcheck:
/// RFC 4880/9580 section 5.2 binary-document signatures). The keys come from the repository definition's gpgkey files.
/// At least one signature must verify with a key from the keyring; every failure names the .asc file and the key ID.
/// </summary>
public static class RepoMdSignature
{
    private const int MaxKeyFileBytes = 16 << 20;

    /// <summary>Loads every public key (armored or binary, several blocks allowed) from <paramref name="keyFiles"/>.</summary>
    public static PgpPublicKeyRingBundle LoadKeys(IEnumerable<string> keyFiles)
    {
        ArgumentNullException.ThrowIfNull(keyFiles);
        var rings = new List<PgpPublicKeyRing>();
        foreach (var file in keyFiles)
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                throw new FileNotFoundException($"Key file '{file}' does not exist.", file);
            }

            if (info.Length > MaxKeyFileBytes)
            {
                throw new InvalidDataException($"Key file '{file}' is {info.Length} bytes; key files over {MaxKeyFileBytes} bytes are refused.");
            }

            rings.AddRange(ReadRings(File.ReadAllBytes(file), file));
        }

        return new PgpPublicKeyRingBundle(rings);
    }

    /// <summary>
    /// Checks <paramref name="signature"/> (the .asc bytes) over <paramref name="data"/> (repomd.xml's bytes); returns the
    /// fingerprint of the key that verified it, or throws <see cref="RepositoryException"/> naming <paramref name="signatureSource"/>.
    /// </summary>
    public static string Verify(ReadOnlySpan<byte> data, byte[] signature, PgpPublicKeyRingBundle keys, string signatureSource)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(keys);
        var signatures = ReadSignatures(signature, signatureSource);
        var problems = new List<string>();
        foreach (var sig in signatures)
        {
            var keyId = unchecked((ulong)sig.KeyId).ToString("X16");
            var key = keys.GetPublicKey(sig.KeyId);
            if (key is null)
            {
                problems.Add($"made by key {keyId}, which is not in the keyring");
                continue;
            }

            if (sig.SignatureType is not (PgpSignature.BinaryDocument or PgpSignature.CanonicalTextDocument))
            {
                problems.Add($"signature type 0x{sig.SignatureType:x2} from key {keyId} is not a document signature");
                continue;
            }

            try
            {
                sig.InitVerify(key);
                sig.Update(data.ToArray());
                if (sig.Verify())
                {
                    return Convert.ToHexString(key.GetFingerprint());
                }

                problems.Add($"BAD signature from key {keyId}");
            }
            catch (PgpException ex)
            {
                problems.Add($"key {keyId} cannot verify it: {ex.Message}");
            }
        }

        throw new RepositoryException($"'{signatureSource}': repomd.xml signature does not verify: {string.Join("; ", problems)}.");
    }

    private static List<PgpSignature> ReadSignatures(byte[] bytes, string source)
    {
        var result = new List<PgpSignature>();
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(bytes, writable: false));
            var factory = new PgpObjectFactory(input);
            PgpObject? item;
            while ((item = factory.NextPgpObject()) is not null)
            {
                if (item is PgpSignatureList list)
                {
                    for (int i = 0; i < list.Count; i++)
                    {
                        result.Add(list[i]);
                    }
                }
                else
                {
                    throw new InvalidDataException($"'{source}' holds a {item.GetType().Name} packet, not a detached signature.");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or PgpException or ArgumentException)
        {
            throw new RepositoryException($"'{source}' is not an OpenPGP signature: {ex.Message}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new RepositoryException(ex.Message, ex);
        }

        return result.Count > 0 ? result : throw new RepositoryException($"'{source}' holds no OpenPGP signature.");
    }

    private static List<PgpPublicKeyRing> ReadRings(byte[] bytes, string source)
    {
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(bytes, writable: false));
            var rings = new List<PgpPublicKeyRing>();
            var factory = new PgpObjectFactory(input);
            PgpObject? item;
            while ((item = factory.NextPgpObject()) is not null)
            {
                if (item is PgpPublicKeyRing ring)
                {
                    rings.Add(ring);
                }
            }

            return rings.Count > 0 ? rings : throw new InvalidDataException($"Key file '{source}' holds no OpenPGP public key.");
        }
        catch (Exception ex) when (ex is IOException or PgpException)
        {
            throw new InvalidDataException($"Key file '{source}' is not an OpenPGP key: {ex.Message}", ex);
        }
    }
}
