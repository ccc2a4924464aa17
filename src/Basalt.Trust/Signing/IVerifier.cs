namespace Basalt.Trust.Signing;

/// <summary>Checks signatures made by one public key (see <see cref="ISigner"/> for the formats).</summary>
public interface IVerifier
{
    /// <summary>Lowercase hex SHA-256 of the public key's SubjectPublicKeyInfo DER.</summary>
    string KeyId { get; }

    /// <summary>True only for a well-formed signature by this key over exactly <paramref name="message"/>; never throws for bad signatures.</summary>
    bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}
