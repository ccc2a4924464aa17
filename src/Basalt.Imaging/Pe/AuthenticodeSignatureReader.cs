using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Basalt.Imaging.Pe;

/// <summary>
/// Decodes an embedded Authenticode PKCS#7 SignedData (RFC 2315 §9, RFC 5652 §5) far enough to report the image
/// digest and the signer, and to check the signature itself. Any DER error becomes an <see cref="InvalidDataException"/>
/// naming the image.
/// </summary>
internal static class AuthenticodeSignatureReader
{
    public static AuthenticodeSignature Read(byte[] pkcs7, PeImage image)
    {
        try
        {
            return Decode(pkcs7, image);
        }
        catch (Exception exception) when (exception is AsnContentException or CryptographicException)
        {
            throw new InvalidDataException(
                $"PE image '{image.Name}' has a malformed Authenticode signature at offset 0x{image.CertificateTableOffset:x}: {exception.Message}", exception);
        }
    }

    private static AuthenticodeSignature Decode(byte[] pkcs7, PeImage image)
    {
        var contentInfo = new AsnReader(pkcs7, AsnEncodingRules.BER).ReadSequence();
        var type = contentInfo.ReadObjectIdentifier();
        if (type != AuthenticodeOids.SignedData)
        {
            throw new InvalidDataException($"PE image '{image.Name}' has a certificate of content type '{type}', not PKCS#7 signed data.");
        }

        var signedData = contentInfo.ReadSequence(Context(0)).ReadSequence();
        signedData.ReadInteger();
        signedData.ReadSetOf();
        var encapsulated = signedData.ReadSequence();
        var contentType = encapsulated.ReadObjectIdentifier();
        if (contentType != AuthenticodeOids.SpcIndirectDataContent)
        {
            throw new InvalidDataException($"PE image '{image.Name}' has a signature over content type '{contentType}', not SpcIndirectDataContent.");
        }

        var content = encapsulated.ReadSequence(Context(0)).ReadEncodedValue();
        var (digestOid, digest) = ReadIndirectData(content);

        var certificates = new List<X509Certificate2>();
        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(Context(0)))
        {
            var set = signedData.ReadSetOf(skipSortOrderValidation: true, expectedTag: Context(0));
            while (set.HasData)
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(set.ReadEncodedValue().Span));
            }
        }

        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(Context(1)))
        {
            signedData.ReadEncodedValue();
        }

        var signerInfo = signedData.ReadSetOf(skipSortOrderValidation: true).ReadSequence();
        var (signer, signatureValid) = ReadSignerInfo(signerInfo, certificates, content);
        var algorithm = AuthenticodeOids.DigestAlgorithm(digestOid);
        return new AuthenticodeSignature
        {
            DigestAlgorithmOid = digestOid,
            DigestAlgorithm = algorithm,
            Digest = digest,
            Certificates = certificates,
            Signer = signer,
            DigestMatchesImage = algorithm is { } known && Authenticode.ComputeDigest(image, known).AsSpan().SequenceEqual(digest),
            SignatureIsValid = signatureValid,
        };
    }

    /// <summary>SpcIndirectDataContent: the second element is the DigestInfo of the image.</summary>
    private static (string Oid, byte[] Digest) ReadIndirectData(ReadOnlyMemory<byte> content)
    {
        var indirect = new AsnReader(content, AsnEncodingRules.BER).ReadSequence();
        indirect.ReadEncodedValue();
        var digestInfo = indirect.ReadSequence();
        var oid = digestInfo.ReadSequence().ReadObjectIdentifier();
        return (oid, digestInfo.ReadOctetString());
    }

    private static (X509Certificate2? Signer, bool Valid) ReadSignerInfo(AsnReader signerInfo, List<X509Certificate2> certificates, ReadOnlyMemory<byte> content)
    {
        signerInfo.ReadInteger();
        var sid = signerInfo.ReadSequence();
        var issuer = sid.ReadEncodedValue();
        var serial = sid.ReadInteger();
        var signer = certificates.FirstOrDefault(c =>
            c.IssuerName.RawData.AsSpan().SequenceEqual(issuer.Span) && new BigInteger(c.SerialNumberBytes.Span, isBigEndian: true) == serial);
        var digestOid = signerInfo.ReadSequence().ReadObjectIdentifier();
        if (signer is null || AuthenticodeOids.DigestAlgorithm(digestOid) is not { } algorithm
            || !signerInfo.PeekTag().HasSameClassAndValue(Context(0)))
        {
            return (signer, false);
        }

        var attributesEncoded = signerInfo.ReadEncodedValue().ToArray();
        var messageDigest = FindMessageDigest(attributesEncoded);
        signerInfo.ReadSequence();
        var signature = signerInfo.ReadOctetString();

        AsnDecoder.ReadEncodedValue(content.Span, AsnEncodingRules.BER, out var valueOffset, out var valueLength, out _);
        var contentDigest = CryptographicOperations.HashData(algorithm, content.Span.Slice(valueOffset, valueLength));
        if (messageDigest is null || !contentDigest.AsSpan().SequenceEqual(messageDigest))
        {
            return (signer, false);
        }

        // The signature is over the attributes re-tagged as a universal SET OF (RFC 5652 §5.4).
        attributesEncoded[0] = 0x31;
        return (signer, VerifySignature(signer, attributesEncoded, signature, algorithm));
    }

    private static bool VerifySignature(X509Certificate2 signer, byte[] data, byte[] signature, HashAlgorithmName algorithm)
    {
        using var rsa = signer.GetRSAPublicKey();
        if (rsa is not null)
        {
            return rsa.VerifyData(data, signature, algorithm, RSASignaturePadding.Pkcs1);
        }

        using var ecdsa = signer.GetECDsaPublicKey();
        return ecdsa is not null && ecdsa.VerifyData(data, signature, algorithm, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static byte[]? FindMessageDigest(byte[] attributesEncoded)
    {
        var attributes = new AsnReader(attributesEncoded, AsnEncodingRules.BER).ReadSetOf(skipSortOrderValidation: true, expectedTag: Context(0));
        while (attributes.HasData)
        {
            var attribute = attributes.ReadSequence();
            if (attribute.ReadObjectIdentifier() == AuthenticodeOids.MessageDigest)
            {
                return attribute.ReadSetOf().ReadOctetString();
            }
        }

        return null;
    }

    private static Asn1Tag Context(int tag) => new(TagClass.ContextSpecific, tag, isConstructed: true);
}
