using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Basalt.Rpm.Signatures;

/// <summary>
/// A version 6 public key (RFC 9580 section 5.5.2.3): Ed25519 (algorithm 27) or RSA (1). BouncyCastle 2.7 cannot read
/// v6 packets, so Basalt parses these itself; the key material is then used with BouncyCastle's Ed25519 primitive or
/// the platform's RSA.
/// </summary>
internal sealed class OpenPgpV6Key
{
    private OpenPgpV6Key(byte[] packetBody, int algorithm, byte[] material)
    {
        PacketBody = packetBody;
        Algorithm = algorithm;
        Material = material;
        // Section 5.5.4.3: SHA-256 over 0x9B, a four-octet length and the packet body; the key ID is its first 8 octets.
        var prefix = new byte[5];
        prefix[0] = 0x9B;
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(1), (uint)packetBody.Length);
        Fingerprint = SHA256.HashData([.. prefix, .. packetBody]);
        KeyId = BinaryPrimitives.ReadUInt64BigEndian(Fingerprint);
    }

    public byte[] PacketBody { get; }

    public int Algorithm { get; }

    public byte[] Material { get; }

    public byte[] Fingerprint { get; }

    public ulong KeyId { get; }

    /// <summary>Parses a public-key or public-subkey packet body; null when it is not version 6 or the algorithm is not supported.</summary>
    public static OpenPgpV6Key? TryParse(byte[] body)
    {
        // version (6), creation time (4), algorithm (1), key material length (4), key material.
        if (body.Length < 10 || body[0] != 6)
        {
            return null;
        }

        var algorithm = body[5];
        var length = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(6));
        if (length != body.Length - 10 || algorithm is not (OpenPgpAlgorithms.Ed25519 or OpenPgpAlgorithms.Rsa))
        {
            return null;
        }

        var material = body[10..];
        return algorithm == OpenPgpAlgorithms.Ed25519 && material.Length != Ed25519.PublicKeySize ? null : new OpenPgpV6Key(body, algorithm, material);
    }

    /// <summary>What a v6 signature over this key hashes for it: 0x9B, a four-octet length and the packet body (section 5.2.4).</summary>
    public void AppendTo(IncrementalHash hash)
    {
        Span<byte> prefix = stackalloc byte[5];
        prefix[0] = 0x9B;
        BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], (uint)PacketBody.Length);
        hash.AppendData(prefix);
        hash.AppendData(PacketBody);
    }

    /// <summary>Verifies <paramref name="signature"/> (algorithm-specific material) over <paramref name="digest"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> signature, byte[] digest, HashAlgorithmName hashName)
    {
        if (Algorithm == OpenPgpAlgorithms.Ed25519)
        {
            // Section 5.2.3.4: the native 64-octet Ed25519 signature over the digest.
            return signature.Length == Ed25519.SignatureSize
                && Ed25519.Verify(signature.ToArray(), 0, Material, 0, digest, 0, digest.Length);
        }

        var modulus = ReadMpi(Material, 0, out var next);
        var exponent = ReadMpi(Material, next, out _);
        var value = ReadMpi(signature.ToArray(), 0, out _);
        if (modulus.Length == 0 || value.Length > modulus.Length)
        {
            return false;
        }

        // PKCS#1 v1.5 (section 5.2.3.1); the signature MPI drops leading zeros that RSA's fixed-length form keeps.
        var padded = new byte[modulus.Length];
        value.CopyTo(padded, modulus.Length - value.Length);
        using var rsa = RSA.Create(new RSAParameters { Modulus = modulus, Exponent = exponent });
        return rsa.VerifyHash(digest, padded, hashName, RSASignaturePadding.Pkcs1);
    }

    /// <summary>A multiprecision integer (section 3.2): a two-octet bit count, then the big-endian octets.</summary>
    private static byte[] ReadMpi(byte[] data, int offset, out int next)
    {
        if (data.Length - offset < 2)
        {
            next = data.Length;
            return [];
        }

        var bits = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset));
        var length = (bits + 7) / 8;
        if (data.Length - offset - 2 < length)
        {
            next = data.Length;
            return [];
        }

        next = offset + 2 + length;
        return data.AsSpan(offset + 2, length).ToArray();
    }
}

/// <summary>
/// A version 6 signature packet split into the parts verification needs (RFC 9580 section 5.2.3): the hashed
/// portion, the salt and the algorithm-specific signature. The digest is H(salt ‖ data ‖ hashed portion ‖ trailer)
/// with the trailer 0x06 0xFF and the hashed portion's length in four octets (section 5.2.4).
/// </summary>
internal sealed class OpenPgpV6Signature
{
    private readonly byte[] _hashed;
    private readonly byte[] _salt;
    private readonly byte[] _material;
    private readonly ushort _left16;

    private OpenPgpV6Signature(int type, int hashAlgorithm, byte[] hashed, byte[] salt, byte[] material, ushort left16)
    {
        Type = type;
        HashAlgorithm = hashAlgorithm;
        _hashed = hashed;
        _salt = salt;
        _material = material;
        _left16 = left16;
    }

    public int Type { get; }

    public int HashAlgorithm { get; }

    /// <summary>Parses a signature packet body of version 6; null when it is another version or malformed.</summary>
    public static OpenPgpV6Signature? TryParse(ReadOnlySpan<byte> body)
    {
        if (body.Length < 12 || body[0] != 6)
        {
            return null;
        }

        var hashedLength = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        if (hashedLength > (uint)(body.Length - 12))
        {
            return null;
        }

        var hashedEnd = 8 + (int)hashedLength;
        var unhashedLength = BinaryPrimitives.ReadUInt32BigEndian(body[hashedEnd..]);
        var rest = (long)body.Length - hashedEnd - 4;
        if (unhashedLength > rest - 3)
        {
            return null;
        }

        var offset = hashedEnd + 4 + (int)unhashedLength;
        var left16 = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
        var saltLength = body[offset + 2];
        offset += 3;
        if (saltLength > body.Length - offset)
        {
            return null;
        }

        return new OpenPgpV6Signature(body[1], body[3], body[..hashedEnd].ToArray(), body.Slice(offset, saltLength).ToArray(),
            body[(offset + saltLength)..].ToArray(), left16);
    }

    /// <summary>A hash primed with the salt, ready for the signed data; null when the hash algorithm is not available.</summary>
    public IncrementalHash? StartHash()
    {
        var hash = OpenPgpAlgorithms.CreateHash(HashAlgorithm);
        hash?.AppendData(_salt);
        return hash;
    }

    /// <summary>Appends the hashed portion and trailer, then checks the signature with <paramref name="key"/>.</summary>
    public bool Finish(IncrementalHash hash, OpenPgpV6Key key)
    {
        hash.AppendData(_hashed);
        Span<byte> trailer = stackalloc byte[6];
        trailer[0] = 6;
        trailer[1] = 0xFF;
        BinaryPrimitives.WriteUInt32BigEndian(trailer[2..], (uint)_hashed.Length);
        hash.AppendData(trailer);
        var digest = hash.GetHashAndReset();
        var name = hash.AlgorithmName;
        return BinaryPrimitives.ReadUInt16BigEndian(digest) == _left16 && key.Verify(_material, digest, name);
    }
}
