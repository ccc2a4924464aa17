namespace Basalt.Trust.Dsse;

/// <param name="KeyId">The unauthenticated key hint (DSSE protocol, "KEYID"); null when the envelope has none.</param>
/// <param name="Signature">The raw signature over the PAE.</param>
public sealed record DsseSignature(string? KeyId, byte[] Signature);
