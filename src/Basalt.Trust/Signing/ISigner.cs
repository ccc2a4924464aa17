namespace Basalt.Trust.Signing;

/// <summary>
/// Something that signs with one private key: a key file, or an external signer (HSM, cloud KMS) through
/// <see cref="DetachedSigning"/>. Ed25519 signs the message itself (pure Ed25519, RFC 8032 §5.1); ECDSA P-256
/// signs its SHA-256 and returns the DER SEQUENCE { r, s } (RFC 3279 §2.2.3), which is what DSSE tooling and
/// cosign use and what <c>openssl dgst -sha256 -sign</c> writes.
/// </summary>
public interface ISigner
{
    /// <summary>Lowercase hex SHA-256 of the public key's SubjectPublicKeyInfo DER.</summary>
    string KeyId { get; }

    /// <summary>The signature scheme in TUF's spelling: <c>ed25519</c> or <c>ecdsa-sha2-nistp256</c>.</summary>
    string Algorithm { get; }

    byte[] Sign(ReadOnlySpan<byte> message);
}
