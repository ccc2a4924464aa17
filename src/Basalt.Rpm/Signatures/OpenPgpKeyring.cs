using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Basalt.Rpm.Signatures;

/// <summary>
/// Public keys to check package signatures against, loaded from armored or binary OpenPGP files (RFC 9580 sections 6
/// and 10.1). A file may hold several armored blocks and several keys; subkeys are indexed too. A key the library cannot
/// parse (a newer version or algorithm) is recorded in <see cref="Problems"/> rather than failing the whole keyring.
/// </summary>
public sealed class OpenPgpKeyring
{
    private const string ArmorBegin = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private const int MaxKeyFileBytes = 16 << 20;

    private readonly List<OpenPgpKey> _keys = [];
    private readonly List<string> _problems = [];

    public IReadOnlyList<OpenPgpKey> Keys => _keys;

    /// <summary>Keys or blocks that could not be loaded, each naming its file.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public static OpenPgpKeyring Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var keyring = new OpenPgpKeyring();
        foreach (var path in paths)
        {
            keyring.AddFile(path);
        }

        return keyring;
    }

    /// <summary>Adds every public key in the file at <paramref name="path"/>.</summary>
    public void AddFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Key file '{path}' does not exist.", path);
        }

        if (info.Length > MaxKeyFileBytes)
        {
            throw new InvalidDataException($"Key file '{path}' is {info.Length} bytes; key files over {MaxKeyFileBytes} bytes are refused.");
        }

        Add(File.ReadAllBytes(path), path);
    }

    /// <summary>Adds every public key in <paramref name="data"/> (armored or binary); <paramref name="source"/> names it in messages.</summary>
    public void Add(byte[] data, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = Encoding.ASCII.GetString(data);
        var blocks = new List<byte[]>();
        var start = text.IndexOf(ArmorBegin, StringComparison.Ordinal);
        if (start < 0)
        {
            blocks.Add(data);
        }

        while (start >= 0)
        {
            var next = text.IndexOf(ArmorBegin, start + ArmorBegin.Length, StringComparison.Ordinal);
            var end = next < 0 ? text.Length : next;
            blocks.Add(Encoding.ASCII.GetBytes(text[start..end]));
            start = next;
        }

        var before = _keys.Count;
        var problemsBefore = _problems.Count;
        for (var i = 0; i < blocks.Count; i++)
        {
            var where = blocks.Count == 1 ? $"'{source}'" : $"'{source}' block {i + 1}";
            AddBlock(blocks[i], where, source);
        }

        if (_keys.Count == before && _problems.Count == problemsBefore)
        {
            throw new InvalidDataException($"Key file '{source}' holds no OpenPGP public key.");
        }
    }

    /// <summary>Keys whose key ID is <paramref name="keyId"/> (several when IDs collide).</summary>
    public IEnumerable<OpenPgpKey> Find(ulong keyId) => _keys.Where(k => k.KeyId == keyId);

    /// <summary>The key with this full fingerprint, if any.</summary>
    public OpenPgpKey? FindByFingerprint(ReadOnlySpan<byte> fingerprint)
    {
        foreach (var key in _keys)
        {
            if (fingerprint.SequenceEqual(key.Fingerprint))
            {
                return key;
            }
        }

        return null;
    }

    private void AddBlock(byte[] block, string where, string source)
    {
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(block));
            var factory = new PgpObjectFactory(input);
            PgpObject? item;
            while ((item = factory.NextPgpObject()) is not null)
            {
                if (item is PgpPublicKeyRing ring)
                {
                    AddRing(ring, source);
                }
            }
        }
        catch (Exception ex) when (IsLibraryFailure(ex))
        {
            // BouncyCastle 2.7 cannot read version 6 keys and signatures (RFC 9580): Basalt reads those itself.
            if (!OpenPgpV6Keys.TryAdd(block, source, _keys, _problems, where))
            {
                _problems.Add($"{where}: key not loaded: {ex.Message}");
            }
        }
    }

    /// <summary>What the OpenPGP library throws for input it cannot handle (its exception types vary by packet and version).</summary>
    internal static bool IsLibraryFailure(Exception ex) => ex is not (OperationCanceledException or OutOfMemoryException or StackOverflowException);

    private void AddRing(PgpPublicKeyRing ring, string source)
    {
        var primary = ring.GetPublicKey();
        foreach (PgpPublicKey key in ring.GetPublicKeys())
        {
            var reason = ReferenceEquals(key, primary) || key.IsMasterKey ? null : CheckBinding(primary, key);
            _keys.Add(new OpenPgpKey(key, primary, source, reason));
        }
    }

    /// <summary>
    /// A subkey may sign only when its primary key bound it with a valid subkey binding signature (type 0x18) whose
    /// key flags, when present, allow signing (RFC 9580 sections 5.2.1 and 5.2.3.29). rpm refuses subkeys without
    /// one since CVE-2021-3521.
    /// </summary>
    private static string? CheckBinding(PgpPublicKey primary, PgpPublicKey subkey)
    {
        foreach (PgpSignature binding in subkey.GetSignaturesOfType(PgpSignature.SubkeyBinding))
        {
            if (binding.KeyId != primary.KeyId && binding.HasSubpackets && binding.GetHashedSubPackets().GetIssuerKeyId() != primary.KeyId)
            {
                continue;
            }

            try
            {
                binding.InitVerify(primary);
                if (!binding.VerifyCertification(primary, subkey))
                {
                    continue;
                }
            }
            catch (Exception ex) when (IsLibraryFailure(ex))
            {
                continue;
            }

            var flags = binding.HasSubpackets ? binding.GetHashedSubPackets().GetKeyFlags() : 0;
            return flags == 0 || (flags & PgpKeyFlags.CanSign) != 0 ? null : "subkey is not bound for signing";
        }

        return "subkey has no valid binding signature from its primary key";
    }
}
