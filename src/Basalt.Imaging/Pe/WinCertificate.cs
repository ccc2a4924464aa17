using System.Buffers.Binary;

namespace Basalt.Imaging.Pe;

/// <summary>
/// Entries of the attribute certificate table (PE format, "The Attribute Certificate Table (Image Only)"): each is a
/// WIN_CERTIFICATE header (dwLength, wRevision, wCertificateType) followed by the certificate, and the next entry
/// starts at the next 8-byte boundary.
/// </summary>
internal static class WinCertificate
{
    /// <summary>
    /// One WIN_CERT_TYPE_PKCS_SIGNED_DATA entry holding <paramref name="pkcs7"/>, zero-padded to a multiple of 8 bytes.
    /// dwLength counts the header and the signature, not the padding, so readers get the DER object's exact length.
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> pkcs7)
    {
        var length = checked(PeLayout.WinCertificateHeaderSize + pkcs7.Length);
        var entry = new byte[AlignUp(length, PeLayout.CertificateAlignment)];
        BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(4), PeLayout.WinCertRevision2);
        BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(6), PeLayout.WinCertTypePkcsSignedData);
        pkcs7.CopyTo(entry.AsSpan(PeLayout.WinCertificateHeaderSize));
        return entry;
    }

    /// <summary>The PKCS#7 bytes of the first signed-data entry, or null when the table holds only other types.</summary>
    public static byte[]? FindSignedData(ReadOnlySpan<byte> table, string name, uint tableOffset)
    {
        var position = 0;
        while (table.Length - position >= PeLayout.WinCertificateHeaderSize)
        {
            var entry = table[position..];
            var length = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            var revision = BinaryPrimitives.ReadUInt16LittleEndian(entry[4..]);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]);
            if (length < PeLayout.WinCertificateHeaderSize || length > (uint)entry.Length)
            {
                throw new InvalidDataException(
                    $"PE image '{name}' has a certificate entry of {length} bytes that does not fit its table (offset 0x{tableOffset + (uint)position:x}).");
            }

            if (type == PeLayout.WinCertTypePkcsSignedData)
            {
                if (revision != PeLayout.WinCertRevision2)
                {
                    throw new InvalidDataException(
                        $"PE image '{name}' has a certificate entry with revision 0x{revision:x4}, expected 0x0200 (offset 0x{tableOffset + (uint)position + 4:x}).");
                }

                return entry[PeLayout.WinCertificateHeaderSize..(int)length].ToArray();
            }

            position += AlignUp((int)length, PeLayout.CertificateAlignment);
        }

        return null;
    }

    internal static int AlignUp(int value, int alignment) => checked((value + alignment - 1) & ~(alignment - 1));
}
