using System.Security.Cryptography;

namespace Basalt.Trust.Signing;

/// <summary>
/// ECDSA over P-256 with SHA-256 (FIPS 186-5 §6.4), DER-encoded signatures (RFC 3279 §2.2.3). The parameters are
/// kept rather than a live <see cref="ECDsa"/> so the signer needs no disposal; signing is rare (a few per build).
/// </summary>
internal sealed class EcdsaP256Signer : ISigner
{
    private readonly ECParameters _parameters;

    public EcdsaP256Signer(ECParameters parameters, string keyId)
    {
        parameters.Validate();
        _parameters = parameters;
        KeyId = keyId;
    }

    public string KeyId { get; }

    public string Algorithm => SignatureAlgorithms.EcdsaP256Sha256;

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        using var ecdsa = ECDsa.Create(_parameters);
        return ecdsa.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}

internal sealed class EcdsaP256Verifier : IVerifier
{
    private readonly ECParameters _parameters;

    public EcdsaP256Verifier(ECParameters parameters, string keyId)
    {
        parameters.Validate();
        _parameters = parameters;
        KeyId = keyId;
    }

    public string KeyId { get; }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        using var ecdsa = ECDsa.Create(_parameters);
        try
        {
            return ecdsa.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            // A signature that is not a DER SEQUENCE of two INTEGERs is simply not a valid signature.
            return false;
        }
    }
}
