using System.Buffers.Binary;

namespace Basalt.Rpm.Query;

/// <summary>
/// :pgpsig — one line about an OpenPGP signature packet (RFC 4880 §5.2): "ALGO/HASH, date, Key ID keyid", as
/// rpm 4.18 prints it. Versions 3 and 4 are understood, as in rpm 4.18; anything else is not a signature to it.
/// </summary>
internal static class QueryPgpSignature
{
    private const string NotASignature = "(not an OpenPGP signature)";

    public static string Describe(ReadOnlySpan<byte> packet)
    {
        // rpm 4.18's own OpenPGP parser knows RSA, DSA and EdDSA only; it calls anything else not a signature.
        if (!TryParse(packet, out var publicKeyAlgorithm, out var hashAlgorithm, out var created, out var keyId)
            || publicKeyAlgorithm is not (1 or 17 or 22))
        {
            return NotASignature;
        }

        return $"{PublicKeyName(publicKeyAlgorithm)}/{HashName(hashAlgorithm)}, {QueryDates.Format(created, withTime: true)}, Key ID {Convert.ToHexStringLower(keyId)}";
    }

    private static bool TryParse(ReadOnlySpan<byte> data, out byte publicKey, out byte hash, out long created, out byte[] keyId)
    {
        publicKey = hash = 0;
        created = 0;
        keyId = [];
        if (!TryReadPacket(data, out var tag, out var body) || tag != 2 || body.Length < 1)
        {
            return false;
        }

        switch (body[0])
        {
            case 3:
                // version, hashed length (5), type, time, key id, public-key algorithm, hash algorithm.
                if (body.Length < 19 || body[1] != 5)
                {
                    return false;
                }

                created = BinaryPrimitives.ReadUInt32BigEndian(body[3..]);
                keyId = body.Slice(7, 8).ToArray();
                publicKey = body[15];
                hash = body[16];
                return true;
            case 4:
                if (body.Length < 6)
                {
                    return false;
                }

                publicKey = body[2];
                hash = body[3];
                var hashedLength = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
                if (6 + hashedLength + 2 > body.Length)
                {
                    return false;
                }

                var hashed = body.Slice(6, hashedLength);
                var unhashedLength = BinaryPrimitives.ReadUInt16BigEndian(body[(6 + hashedLength)..]);
                if (8 + hashedLength + unhashedLength > body.Length)
                {
                    return false;
                }

                var unhashed = body.Slice(8 + hashedLength, unhashedLength);
                var found = false;
                if (!ScanSubpackets(hashed, ref created, ref keyId, ref found) || !ScanSubpackets(unhashed, ref created, ref keyId, ref found))
                {
                    return false;
                }

                return found && keyId.Length == 8;
            default:
                return false;
        }
    }

    /// <summary>Reads creation time (type 2) and issuer (type 16) from a subpacket area (RFC 4880 §5.2.3.1).</summary>
    private static bool ScanSubpackets(ReadOnlySpan<byte> area, ref long created, ref byte[] keyId, ref bool found)
    {
        while (area.Length > 0)
        {
            int length;
            int header;
            if (area[0] < 192)
            {
                length = area[0];
                header = 1;
            }
            else if (area[0] < 255)
            {
                if (area.Length < 2)
                {
                    return false;
                }

                length = ((area[0] - 192) << 8) + area[1] + 192;
                header = 2;
            }
            else
            {
                if (area.Length < 5)
                {
                    return false;
                }

                length = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(area[1..]), int.MaxValue);
                header = 5;
            }

            if (length < 1 || length > area.Length - header)
            {
                return false;
            }

            var sub = area.Slice(header, length);
            var type = sub[0] & 0x7F;
            if (type == 2 && sub.Length == 5)
            {
                created = BinaryPrimitives.ReadUInt32BigEndian(sub[1..]);
                found = true;
            }
            else if (type == 16 && sub.Length == 9)
            {
                keyId = sub[1..].ToArray();
            }

            area = area[(header + length)..];
        }

        return true;
    }

    /// <summary>One packet with an old- or new-format header (RFC 4880 §4.2); the body must lie inside the data.</summary>
    private static bool TryReadPacket(ReadOnlySpan<byte> data, out int tag, out ReadOnlySpan<byte> body)
    {
        tag = 0;
        body = default;
        if (data.Length < 2 || (data[0] & 0x80) == 0)
        {
            return false;
        }

        long length;
        int header;
        if ((data[0] & 0x40) != 0)
        {
            tag = data[0] & 0x3F;
            if (data[1] < 192)
            {
                (length, header) = (data[1], 2);
            }
            else if (data[1] < 224 && data.Length >= 3)
            {
                (length, header) = (((data[1] - 192) << 8) + data[2] + 192, 3);
            }
            else if (data[1] == 255 && data.Length >= 6)
            {
                (length, header) = (BinaryPrimitives.ReadUInt32BigEndian(data[2..]), 6);
            }
            else
            {
                return false;
            }
        }
        else
        {
            tag = (data[0] >> 2) & 0x0F;
            var lengthType = data[0] & 0x03;
            if (lengthType == 3)
            {
                return false;
            }

            var size = 1 << lengthType;
            if (data.Length < 1 + size)
            {
                return false;
            }

            length = 0;
            for (var i = 0; i < size; i++)
            {
                length = (length << 8) | data[1 + i];
            }

            header = 1 + size;
        }

        if (length > data.Length - header)
        {
            return false;
        }

        body = data.Slice(header, (int)length);
        return true;
    }

    private static string PublicKeyName(byte algorithm) => algorithm switch
    {
        1 => "RSA",
        2 => "RSA(Encrypt-Only)",
        3 => "RSA(Sign-Only)",
        16 => "Elgamal(Encrypt-Only)",
        17 => "DSA",
        18 => "Elliptic Curve",
        19 => "ECDSA",
        20 => "Elgamal",
        21 => "Diffie-Hellman",
        22 => "EdDSA",
        _ => "Unknown public key algorithm",
    };

    private static string HashName(byte algorithm) => algorithm switch
    {
        1 => "MD5",
        2 => "SHA1",
        3 => "RIPEMD160",
        5 => "MD2",
        6 => "TIGER192",
        7 => "HAVAL-5-160",
        8 => "SHA256",
        9 => "SHA384",
        10 => "SHA512",
        11 => "SHA224",
        _ => "Unknown hash algorithm",
    };
}
