namespace Basalt.Trust.Keys;

/// <summary>The key types <c>basalt key generate</c> makes and the signers accept.</summary>
public enum SigningKeyType
{
    /// <summary>ECDSA over NIST P-256 with SHA-256 (FIPS 186-5), the default of cosign and most cloud KMSs.</summary>
    EcdsaP256,

    /// <summary>Pure Ed25519 (RFC 8032), deterministic signatures.</summary>
    Ed25519,
}
