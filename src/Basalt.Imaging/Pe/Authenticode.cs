using System.Security.Cryptography;

namespace Basalt.Imaging.Pe;

/// <summary>
/// The Authenticode image digest and reading of embedded signatures ("Windows Authenticode Portable Executable
/// Signature Format", "Calculating the PE Image Hash"; PE format, "The Attribute Certificate Table (Image Only)").
/// </summary>
public static class Authenticode
{
    /// <summary>
    /// The Authenticode digest of a PE image: the headers without the CheckSum field and the certificate-table
    /// directory entry, then each section's raw data in file order, then any data after the sections up to the
    /// certificate table (which is itself excluded).
    /// </summary>
    public static byte[] ComputeDigest(ReadOnlySpan<byte> pe, HashAlgorithmName algorithm)
        => ComputeDigest(pe, PeHeaders.Read(pe, "image"), algorithm);

    /// <summary>The digest of a parsed image.</summary>
    public static byte[] ComputeDigest(PeImage image, HashAlgorithmName algorithm)
    {
        ArgumentNullException.ThrowIfNull(image);
        return ComputeDigest(image.Data.Span, image.Headers, algorithm);
    }

    /// <summary>The embedded signature of <paramref name="image"/>, or null when it carries none.</summary>
    public static AuthenticodeSignature? ReadSignature(PeImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!image.HasCertificateTable)
        {
            return null;
        }

        var table = image.Data.Span.Slice((int)image.CertificateTableOffset, (int)image.CertificateTableSize);
        var pkcs7 = WinCertificate.FindSignedData(table, image.Name, image.CertificateTableOffset);
        return pkcs7 is null ? null : AuthenticodeSignatureReader.Read(pkcs7, image);
    }

    internal static byte[] ComputeDigest(ReadOnlySpan<byte> pe, PeHeaders headers, HashAlgorithmName algorithm)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        var checksum = headers.CheckSumFileOffset;
        var sizeOfHeaders = (int)headers.SizeOfHeaders;
        hash.AppendData(pe[..checksum]);
        var certificateEntry = headers.CertificateDirectoryFileOffset;
        if (certificateEntry >= 0)
        {
            hash.AppendData(pe[(checksum + 4)..certificateEntry]);
            hash.AppendData(pe[(certificateEntry + PeLayout.DataDirectorySize)..sizeOfHeaders]);
        }
        else
        {
            hash.AppendData(pe[(checksum + 4)..sizeOfHeaders]);
        }

        // Sections in ascending PointerToRawData order; the index breaks ties so the order never depends on the sort.
        var sections = headers.Sections
            .Select((section, index) => (section, index))
            .Where(s => s.section.SizeOfRawData != 0)
            .OrderBy(s => s.section.PointerToRawData)
            .ThenBy(s => s.index);
        long hashedEnd = sizeOfHeaders;
        foreach (var (section, _) in sections)
        {
            hash.AppendData(pe.Slice((int)section.PointerToRawData, (int)section.SizeOfRawData));
            hashedEnd = Math.Max(hashedEnd, (long)section.PointerToRawData + section.SizeOfRawData);
        }

        // Trailing data (a COFF symbol table, the padding before the certificate table) is hashed too; only the
        // certificate table itself is left out.
        long dataEnd = headers.HasCertificateTable ? headers.CertificateTableOffset : pe.Length;
        if (dataEnd > hashedEnd)
        {
            hash.AppendData(pe[(int)hashedEnd..(int)dataEnd]);
        }

        return hash.GetHashAndReset();
    }
}
