using System.Buffers.Binary;

namespace Basalt.Rpm.Signatures;

/// <summary>
/// What a signature packet says about itself: version, algorithms and issuer (RFC 9580 section 5.2). Parsed by Basalt
/// rather than the crypto library so a signature the library cannot verify (a v6 or post-quantum one) is still reported
/// by key and algorithm.
/// </summary>
public sealed record OpenPgpSignatureInfo(int Version, int SignatureType, int PublicKeyAlgorithm, int HashAlgorithm, ulong? KeyId,
    byte[]? IssuerFingerprint)
{
    private const int SignaturePacketTag = 2;
    private const int IssuerKeyIdSubpacket = 16;
    private const int IssuerFingerprintSubpacket = 33;

    /// <summary>The issuer key ID as 16 lower-case hex digits, or null when the signature names no issuer.</summary>
    public string? KeyIdHex => KeyId is { } id ? id.ToString("x16") : null;

    public string? FingerprintHex => IssuerFingerprint is null ? null : Convert.ToHexStringLower(IssuerFingerprint);

    public string AlgorithmName => OpenPgpAlgorithms.PublicKeyName(PublicKeyAlgorithm);

    public string HashName => OpenPgpAlgorithms.HashName(HashAlgorithm);

    /// <summary>Parses the first packet of <paramref name="data"/>, which must be a signature packet.</summary>
    /// <param name="what">Names the signature in errors, e.g. "'x.rpm' signature tag 268".</param>
    /// <param name="length">Receives the whole packet's length (header included).</param>
    public static OpenPgpSignatureInfo Parse(ReadOnlySpan<byte> data, string what, out int length)
    {
        var (tag, bodyOffset, bodyLength) = ReadPacketHeader(data, what);
        if (tag != SignaturePacketTag)
        {
            throw new InvalidDataException($"{what}: OpenPGP packet tag {tag} is not a signature packet (2).");
        }

        length = bodyOffset + bodyLength;
        var body = data.Slice(bodyOffset, bodyLength);
        if (body.Length < 1)
        {
            throw new InvalidDataException($"{what}: empty signature packet.");
        }

        return body[0] switch
        {
            2 or 3 => ParseV3(body, what),
            4 or 5 or 6 => ParseV4Plus(body, what),
            _ => throw new InvalidDataException($"{what}: unknown signature packet version {body[0]}."),
        };
    }

    /// <summary>
    /// Reads a packet header (RFC 9580 section 4.2): the legacy format (bit 6 clear: tag in bits 5-2, length type in
    /// bits 1-0) or the current format (tag in bits 5-0, one-, two- or five-octet length). Partial lengths are refused:
    /// a signature packet never uses them.
    /// </summary>
    internal static (int Tag, int BodyOffset, int BodyLength) ReadPacketHeader(ReadOnlySpan<byte> data, string what)
    {
        if (data.Length < 2 || (data[0] & 0x80) == 0)
        {
            throw new InvalidDataException($"{what}: not an OpenPGP packet (first octet 0x{(data.Length > 0 ? data[0] : 0):x2}).");
        }

        int tag, headerLength;
        long bodyLength;
        if ((data[0] & 0x40) == 0)
        {
            tag = (data[0] >> 2) & 0x0F;
            (headerLength, bodyLength) = (data[0] & 3) switch
            {
                0 => (2, (long)data[1]),
                1 when data.Length >= 3 => (3, (long)BinaryPrimitives.ReadUInt16BigEndian(data[1..])),
                2 when data.Length >= 5 => (5, (long)BinaryPrimitives.ReadUInt32BigEndian(data[1..])),
                3 => (1, data.Length - 1L),
                _ => throw new InvalidDataException($"{what}: truncated OpenPGP packet header."),
            };
        }
        else
        {
            tag = data[0] & 0x3F;
            var first = data[1];
            (headerLength, bodyLength) = first switch
            {
                < 192 => (2, (long)first),
                < 224 when data.Length >= 3 => (3, (long)(((first - 192) << 8) + data[2] + 192)),
                255 when data.Length >= 6 => (6, (long)BinaryPrimitives.ReadUInt32BigEndian(data[2..])),
                >= 224 and < 255 => throw new InvalidDataException($"{what}: partial body lengths are not allowed in a signature packet."),
                _ => throw new InvalidDataException($"{what}: truncated OpenPGP packet header."),
            };
        }

        if (bodyLength > data.Length - headerLength)
        {
            throw new InvalidDataException($"{what}: OpenPGP packet declares {bodyLength} bytes but only {data.Length - headerLength} are present.");
        }

        return (tag, headerLength, (int)bodyLength);
    }

    /// <summary>Version 3 (section 5.2.2): fixed fields, the issuer key ID at offset 7.</summary>
    private static OpenPgpSignatureInfo ParseV3(ReadOnlySpan<byte> body, string what)
    {
        // version, hashed length (5), type, creation time (4), key ID (8), public-key algorithm, hash algorithm.
        if (body.Length < 17 || body[1] != 5)
        {
            throw new InvalidDataException($"{what}: malformed version 3 signature packet.");
        }

        return new OpenPgpSignatureInfo(body[0], body[2], body[15], body[16], BinaryPrimitives.ReadUInt64BigEndian(body[7..]), null);
    }

    /// <summary>Versions 4 and 6 (section 5.2.3): subpacket areas with two-octet (v4) or four-octet (v6) lengths.</summary>
    private static OpenPgpSignatureInfo ParseV4Plus(ReadOnlySpan<byte> body, string what)
    {
        var version = body[0];
        var lengthSize = version == 4 ? 2 : 4;
        if (body.Length < 4 + lengthSize)
        {
            throw new InvalidDataException($"{what}: truncated version {version} signature packet.");
        }

        ulong? keyId = null;
        byte[]? fingerprint = null;
        var offset = 4;
        for (var area = 0; area < 2; area++)
        {
            if (body.Length - offset < lengthSize)
            {
                throw new InvalidDataException($"{what}: truncated subpacket area in a version {version} signature.");
            }

            long areaLength = lengthSize == 2 ? BinaryPrimitives.ReadUInt16BigEndian(body[offset..]) : BinaryPrimitives.ReadUInt32BigEndian(body[offset..]);
            offset += lengthSize;
            if (areaLength > body.Length - offset)
            {
                throw new InvalidDataException($"{what}: subpacket area of {areaLength} bytes runs past the signature packet.");
            }

            ReadSubpackets(body.Slice(offset, (int)areaLength), what, ref keyId, ref fingerprint);
            offset += (int)areaLength;
        }

        if (keyId is null && fingerprint is not null)
        {
            // RFC 9580 section 5.5.4: a v4 key ID is the fingerprint's low 64 bits, a v6 key ID its high 64 bits.
            keyId = fingerprint.Length == 20
                ? BinaryPrimitives.ReadUInt64BigEndian(fingerprint.AsSpan(12))
                : BinaryPrimitives.ReadUInt64BigEndian(fingerprint);
        }

        return new OpenPgpSignatureInfo(version, body[1], body[2], body[3], keyId, fingerprint);
    }

    private static void ReadSubpackets(ReadOnlySpan<byte> area, string what, ref ulong? keyId, ref byte[]? fingerprint)
    {
        while (area.Length > 0)
        {
            int headerLength;
            long length;
            var first = area[0];
            if (first < 192)
            {
                (headerLength, length) = (1, first);
            }
            else if (first < 255 && area.Length >= 2)
            {
                (headerLength, length) = (2, ((first - 192) << 8) + area[1] + 192);
            }
            else if (first == 255 && area.Length >= 5)
            {
                (headerLength, length) = (5, BinaryPrimitives.ReadUInt32BigEndian(area[1..]));
            }
            else
            {
                throw new InvalidDataException($"{what}: truncated signature subpacket header.");
            }

            if (length < 1 || length > area.Length - headerLength)
            {
                throw new InvalidDataException($"{what}: signature subpacket of {length} bytes runs past its area.");
            }

            var subpacket = area.Slice(headerLength, (int)length);
            var type = subpacket[0] & 0x7F;
            var value = subpacket[1..];
            if (type == IssuerKeyIdSubpacket && value.Length == 8)
            {
                keyId ??= BinaryPrimitives.ReadUInt64BigEndian(value);
            }
            else if (type == IssuerFingerprintSubpacket && value.Length > 1)
            {
                fingerprint ??= value[1..].ToArray();
            }

            area = area[(headerLength + (int)length)..];
        }
    }
}
