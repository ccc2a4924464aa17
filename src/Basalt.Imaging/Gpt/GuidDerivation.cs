using System.Security.Cryptography;
using System.Text;

namespace Basalt.Imaging.Gpt;

/// <summary>
/// Deterministic GUIDs, derived the way systemd-repart derives partition and disk UUIDs from its seed:
/// HMAC-SHA256 keyed with the seed over a label, the first 16 bytes of the MAC read as an RFC 4122 UUID
/// (big-endian field order) with the version forced to 4 and the variant to RFC 4122 (10xx).
/// </summary>
public static class GuidDerivation
{
    public static Guid Derive(ReadOnlySpan<byte> seed, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(seed, Encoding.UTF8.GetBytes(label), mac);
        var uuid = mac[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x40);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid, bigEndian: true);
    }

    /// <summary>Derives from a GUID seed (e.g. a machine id or image seed), using its RFC 4122 bytes as the key.</summary>
    public static Guid Derive(Guid seed, string label)
    {
        Span<byte> key = stackalloc byte[16];
        seed.TryWriteBytes(key, bigEndian: true, out _);
        return Derive(key, label);
    }
}
