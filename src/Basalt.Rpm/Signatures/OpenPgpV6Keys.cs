using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Basalt.Rpm.Signatures;

/// <summary>
/// Loads version 6 transferable public keys (RFC 9580 section 10.1) that the OpenPGP library cannot read: the primary
/// key and its subkeys, each subkey only with a valid subkey binding signature (type 0x18) by the primary.
/// </summary>
internal static class OpenPgpV6Keys
{
    private const int PublicKeyTag = 6;
    private const int UserIdTag = 13;
    private const int PublicSubkeyTag = 14;
    private const int SignatureTag = 2;
    private const int SubkeyBinding = 0x18;

    /// <summary>Adds the v6 keys of one armored or binary block; false when the block holds no v6 public key.</summary>
    public static bool TryAdd(byte[] block, string source, List<OpenPgpKey> keys, List<string> problems, string where)
    {
        byte[] data;
        try
        {
            using var decoded = PgpUtilities.GetDecoderStream(new MemoryStream(block));
            using var buffer = new MemoryStream();
            decoded.CopyTo(buffer);
            data = buffer.ToArray();
        }
        catch (IOException)
        {
            return false;
        }

        var packets = new List<(int Tag, byte[] Body)>();
        try
        {
            var rest = data.AsSpan();
            while (rest.Length > 0)
            {
                var (tag, offset, length) = OpenPgpSignatureInfo.ReadPacketHeader(rest, where);
                packets.Add((tag, rest.Slice(offset, length).ToArray()));
                rest = rest[(offset + length)..];
            }
        }
        catch (InvalidDataException ex)
        {
            problems.Add($"{where}: key not loaded: {ex.Message}");
            return true;
        }

        if (packets.Count == 0 || packets[0].Tag != PublicKeyTag || packets[0].Body.Length == 0 || packets[0].Body[0] != 6)
        {
            return false;
        }

        var primary = OpenPgpV6Key.TryParse(packets[0].Body);
        if (primary is null)
        {
            problems.Add($"{where}: version 6 key with public-key algorithm {packets[0].Body[5]} is not supported (only Ed25519 and RSA).");
            return true;
        }

        var userId = packets.Where(p => p.Tag == UserIdTag).Select(p => Encoding.UTF8.GetString(p.Body)).FirstOrDefault();
        keys.Add(new OpenPgpKey(primary, isSubkey: false, userId, source, null));
        for (var i = 1; i < packets.Count; i++)
        {
            if (packets[i].Tag != PublicSubkeyTag)
            {
                continue;
            }

            var subkey = OpenPgpV6Key.TryParse(packets[i].Body);
            if (subkey is null)
            {
                problems.Add($"{where}: version 6 subkey with public-key algorithm {(packets[i].Body.Length > 5 ? packets[i].Body[5] : -1)} is not supported.");
                continue;
            }

            var bound = packets.Skip(i + 1).TakeWhile(p => p.Tag == SignatureTag).Any(p => IsBinding(p.Body, primary, subkey));
            keys.Add(new OpenPgpKey(subkey, isSubkey: true, userId, source, bound ? null : "subkey has no valid binding signature from its primary key"));
        }

        return true;
    }

    private static bool IsBinding(byte[] body, OpenPgpV6Key primary, OpenPgpV6Key subkey)
    {
        var signature = OpenPgpV6Signature.TryParse(body);
        if (signature is not { Type: SubkeyBinding })
        {
            return false;
        }

        using var hash = signature.StartHash();
        if (hash is null)
        {
            return false;
        }

        // Section 5.2.4: a subkey binding signature hashes the primary key, then the subkey.
        primary.AppendTo(hash);
        subkey.AppendTo(hash);
        return signature.Finish(hash, primary);
    }
}
