using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Basalt.Imaging.Pe;

/// <summary>
/// Encodes the PKCS#7 SignedData of an Authenticode signature (RFC 2315 / RFC 5652 §5; Authenticode spec,
/// "Authenticode Signature Format"). There is deliberately no signing-time attribute: with RSA PKCS#1 v1.5, which is
/// deterministic, the same image, key and certificate always give the same bytes.
/// </summary>
internal static class AuthenticodeSignedData
{
    /// <summary>The legacy SpcLink file string every Authenticode signer writes ("&lt;&lt;&lt;Obsolete&gt;&gt;&gt;").</summary>
    private const string ObsoleteLink = "<<<Obsolete>>>";

    public static byte[] Build(ReadOnlySpan<byte> imageDigest, HashAlgorithmName algorithm, X509Certificate2 certificate, RSA key)
    {
        var digestOid = AuthenticodeOids.DigestOid(algorithm);
        var content = EncodeIndirectDataContent(imageDigest, digestOid);

        // PKCS#7 v1.5 digests the content's value octets: the SpcIndirectDataContent SEQUENCE without tag and length.
        AsnDecoder.ReadEncodedValue(content, AsnEncodingRules.DER, out var valueOffset, out var valueLength, out _);
        var contentDigest = CryptographicOperations.HashData(algorithm, content.AsSpan(valueOffset, valueLength));
        var attributes = EncodeSignedAttributes(contentDigest);

        // The signature covers the attributes encoded as a universal SET OF (RFC 5652 §5.4); the SignerInfo carries
        // the same bytes under the [0] IMPLICIT tag.
        var signature = key.SignData(attributes, algorithm, RSASignaturePadding.Pkcs1);
        attributes[0] = 0xA0;

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(AuthenticodeOids.SignedData);
            using (writer.PushSequence(Context(0)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                    WriteAlgorithm(writer, digestOid);
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(AuthenticodeOids.SpcIndirectDataContent);
                    using (writer.PushSequence(Context(0)))
                    {
                        writer.WriteEncodedValue(content);
                    }
                }

                using (writer.PushSetOf(Context(0)))
                {
                    writer.WriteEncodedValue(certificate.RawData);
                }

                using (writer.PushSetOf())
                {
                    WriteSignerInfo(writer, certificate, digestOid, attributes, signature);
                }
            }
        }

        return writer.Encode();
    }

    private static void WriteSignerInfo(AsnWriter writer, X509Certificate2 certificate, string digestOid, byte[] attributes, byte[] signature)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence())
            {
                writer.WriteEncodedValue(certificate.IssuerName.RawData);
                writer.WriteInteger(certificate.SerialNumberBytes.Span);
            }

            WriteAlgorithm(writer, digestOid);
            writer.WriteEncodedValue(attributes);
            WriteAlgorithm(writer, AuthenticodeOids.RsaEncryption);
            writer.WriteOctetString(signature);
        }
    }

    /// <summary>SpcIndirectDataContent ::= SEQUENCE { data SpcAttributeTypeAndOptionalValue, messageDigest DigestInfo }.</summary>
    private static byte[] EncodeIndirectDataContent(ReadOnlySpan<byte> imageDigest, string digestOid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(AuthenticodeOids.SpcPeImageData);

                // SpcPeImageData ::= SEQUENCE { flags BIT STRING (empty), file [0] EXPLICIT SpcLink };
                // SpcLink's file choice is [2] EXPLICIT SpcString, whose unicode choice is [0] IMPLICIT BMPString.
                using (writer.PushSequence())
                {
                    writer.WriteBitString([]);
                    using (writer.PushSequence(Context(0)))
                    using (writer.PushSequence(Context(2)))
                    {
                        writer.WriteCharacterString(UniversalTagNumber.BMPString, ObsoleteLink, new Asn1Tag(TagClass.ContextSpecific, 0));
                    }
                }
            }

            using (writer.PushSequence())
            {
                WriteAlgorithm(writer, digestOid);
                writer.WriteOctetString(imageDigest);
            }
        }

        return writer.Encode();
    }

    /// <summary>contentType, messageDigest and an empty SpcSpOpusInfo, as a DER (sorted) SET OF Attribute.</summary>
    private static byte[] EncodeSignedAttributes(byte[] contentDigest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            WriteAttribute(writer, AuthenticodeOids.ContentType, w => w.WriteObjectIdentifier(AuthenticodeOids.SpcIndirectDataContent));
            WriteAttribute(writer, AuthenticodeOids.SpcSpOpusInfo, w => w.PushSequence().Dispose());
            WriteAttribute(writer, AuthenticodeOids.MessageDigest, w => w.WriteOctetString(contentDigest));
        }

        return writer.Encode();
    }

    private static void WriteAttribute(AsnWriter writer, string oid, Action<AsnWriter> writeValue)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf())
            {
                writeValue(writer);
            }
        }
    }

    private static void WriteAlgorithm(AsnWriter writer, string oid)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteNull();
        }
    }

    private static Asn1Tag Context(int tag) => new(TagClass.ContextSpecific, tag, isConstructed: true);
}
