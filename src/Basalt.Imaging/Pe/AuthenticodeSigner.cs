using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Basalt.Imaging.Pe;

/// <summary>
/// Signs PE images for UEFI Secure Boot with an RSA key: the Authenticode digest (SHA-256) wrapped in PKCS#7
/// SignedData and embedded as a WIN_CERTIFICATE. Output is byte-reproducible: no signing time, and RSA PKCS#1 v1.5 is
/// deterministic. RSA only, because that is what UEFI firmware verifies (UEFI 2.10 §32.5: db entries are RSA-2048
/// keys or X.509 certificates, and EDK2 checks PKCS#7 signatures with RSA).
/// </summary>
public sealed partial class AuthenticodeSigner : IDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly RSA _key;
    private readonly bool _ownsCertificate;

    /// <summary>Signs with <paramref name="certificateWithPrivateKey"/>, which must hold an RSA private key.</summary>
    public AuthenticodeSigner(X509Certificate2 certificateWithPrivateKey)
        : this(certificateWithPrivateKey, ownsCertificate: false)
    {
    }

    private AuthenticodeSigner(X509Certificate2 certificate, bool ownsCertificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException($"Certificate '{certificate.Subject}' has no private key to sign with.", nameof(certificate));
        }

        _key = certificate.GetRSAPrivateKey()
            ?? throw new NotSupportedException($"Certificate '{certificate.Subject}' does not hold an RSA key; UEFI Secure Boot verifies RSA signatures only.");
        _certificate = certificate;
        _ownsCertificate = ownsCertificate;
    }

    /// <summary>The signing certificate (embedded in every signature).</summary>
    public X509Certificate2 Certificate => _certificate;

    /// <summary>The digest algorithm: SHA-256, which shim, EDK2 and every current firmware accept.</summary>
    public HashAlgorithmName DigestAlgorithm { get; init; } = HashAlgorithmName.SHA256;

    /// <summary>
    /// Returns <paramref name="peImage"/> signed. Any existing certificate table is dropped first; the data before it is
    /// zero-padded to 8 bytes (the table must start on a quadword boundary, and the padding is part of the digest).
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> peImage)
    {
        var unsigned = PrepareUnsigned(peImage, "image");
        var headers = PeHeaders.Read(unsigned, "image");
        var digest = Authenticode.ComputeDigest(unsigned, headers, DigestAlgorithm);
        var entry = WinCertificate.Encode(AuthenticodeSignedData.Build(digest, DigestAlgorithm, _certificate, _key));

        var signed = new byte[checked(unsigned.Length + entry.Length)];
        unsigned.CopyTo(signed, 0);
        entry.CopyTo(signed, unsigned.Length);
        var directory = signed.AsSpan(headers.CertificateDirectoryFileOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(directory, (uint)unsigned.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(directory[4..], (uint)entry.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(signed.AsSpan(headers.CheckSumFileOffset), PeChecksum.Compute(signed, headers.CheckSumFileOffset));
        return signed;
    }

    /// <summary>The image without its certificate table, padded to 8 bytes, with the directory entry cleared.</summary>
    internal static byte[] PrepareUnsigned(ReadOnlySpan<byte> peImage, string name)
    {
        var headers = PeHeaders.Read(peImage, name);
        if (headers.CertificateDirectoryFileOffset < 0)
        {
            throw new InvalidDataException(
                $"PE image '{name}' has only {headers.NumberOfDataDirectories} data directories, so no certificate table entry (offset 0x{headers.DataDirectoriesFileOffset:x}).");
        }

        var length = peImage.Length;
        if (headers.HasCertificateTable)
        {
            if (headers.CertificateTableOffset + (long)headers.CertificateTableSize != peImage.Length || headers.CertificateTableOffset < headers.EndOfSectionData)
            {
                throw new InvalidDataException(
                    $"PE image '{name}' has a certificate table that is not at the end of the file (offset 0x{headers.CertificateTableOffset:x}).");
            }

            length = (int)headers.CertificateTableOffset;
        }

        var unsigned = new byte[WinCertificate.AlignUp(length, PeLayout.CertificateAlignment)];
        peImage[..length].CopyTo(unsigned);
        unsigned.AsSpan(headers.CertificateDirectoryFileOffset, PeLayout.DataDirectorySize).Clear();
        return unsigned;
    }

    public void Dispose()
    {
        _key.Dispose();
        if (_ownsCertificate)
        {
            _certificate.Dispose();
        }
    }
}
