using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Basalt.Trust.Signing;

/// <summary>Pure Ed25519 (RFC 8032 §5.1, no prehash, no context) over BouncyCastle's implementation.</summary>
internal sealed class Ed25519Signer : ISigner
{
    private readonly Ed25519PrivateKeyParameters _key;

    /// <param name="seed">The 32-byte private key (RFC 8032 §5.1.5 "k").</param>
    public Ed25519Signer(ReadOnlySpan<byte> seed, string keyId)
    {
        if (seed.Length != Ed25519PrivateKeyParameters.KeySize)
        {
            throw new ArgumentException($"An Ed25519 private key is {Ed25519PrivateKeyParameters.KeySize} bytes, not {seed.Length}.", nameof(seed));
        }

        _key = new Ed25519PrivateKeyParameters(seed);
        KeyId = keyId;
    }

    public string KeyId { get; }

    public string Algorithm => SignatureAlgorithms.Ed25519;

    /// <summary>The 32-byte public key (RFC 8032 §5.1.5 "A").</summary>
    public byte[] PublicKey => _key.GeneratePublicKey().GetEncoded();

    public static byte[] PublicKeyOf(ReadOnlySpan<byte> seed) => new Ed25519PrivateKeyParameters(seed).GeneratePublicKey().GetEncoded();

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[Ed25519PrivateKeyParameters.SignatureSize];
        _key.Sign(Ed25519.Algorithm.Ed25519, ctx: null, message, signature);
        return signature;
    }
}

internal sealed class Ed25519Verifier : IVerifier
{
    private readonly Ed25519PublicKeyParameters _key;

    /// <param name="publicKey">The 32-byte encoded point; throws <see cref="ArgumentException"/> when it is not one.</param>
    public Ed25519Verifier(ReadOnlySpan<byte> publicKey, string keyId)
    {
        if (publicKey.Length != Ed25519PublicKeyParameters.KeySize)
        {
            throw new ArgumentException($"An Ed25519 public key is {Ed25519PublicKeyParameters.KeySize} bytes, not {publicKey.Length}.", nameof(publicKey));
        }

        _key = new Ed25519PublicKeyParameters(publicKey);
        KeyId = keyId;
    }

    public string KeyId { get; }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
        => signature.Length == Ed25519PrivateKeyParameters.SignatureSize
           && _key.Verify(Ed25519.Algorithm.Ed25519, ctx: null, message, signature);
}
