using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Basalt.Imaging.Pe;

/// <summary>
/// What an embedded Authenticode signature says and whether it holds up cryptographically. Chain trust (is the signer
/// in db? revoked in dbx?) is the firmware's business and is not judged here.
/// </summary>
public sealed class AuthenticodeSignature
{
    /// <summary>The digest algorithm's OID as the signature names it.</summary>
    public required string DigestAlgorithmOid { get; init; }

    /// <summary>The digest algorithm, or null when Basalt does not compute it.</summary>
    public required HashAlgorithmName? DigestAlgorithm { get; init; }

    /// <summary>The image digest the signature covers (from SpcIndirectDataContent).</summary>
    public required byte[] Digest { get; init; }

    /// <summary>All certificates the signature carries.</summary>
    public required IReadOnlyList<X509Certificate2> Certificates { get; init; }

    /// <summary>The certificate matching the signer's issuer and serial number, or null when it is not included.</summary>
    public required X509Certificate2? Signer { get; init; }

    /// <summary>The signer's subject (RFC 4514 style, as .NET prints it), or null.</summary>
    public string? SignerSubject => Signer?.Subject;

    /// <summary>True when <see cref="Digest"/> equals the image's own Authenticode digest.</summary>
    public required bool DigestMatchesImage { get; init; }

    /// <summary>
    /// True when the signed attributes' messageDigest matches the signed content and the signer's public key
    /// verifies the signature over them.
    /// </summary>
    public required bool SignatureIsValid { get; init; }

    /// <summary>Both checks: the image is what was signed, and the signer signed it.</summary>
    public bool IsValid => DigestMatchesImage && SignatureIsValid;
}
