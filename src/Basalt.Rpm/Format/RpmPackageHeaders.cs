using Basalt.IO;

namespace Basalt.Rpm.Format;

/// <summary>
/// The structural parts of an RPM file up to the payload: lead, signature header and main header with
/// their file offsets. <see cref="PayloadOffset"/> is where the compressed cpio archive begins.
/// </summary>
public sealed record RpmPackageHeaders(
    string Source,
    RpmLead Lead,
    RpmHeader Signature,
    RpmHeader Header,
    long SignatureOffset,
    long HeaderOffset,
    long PayloadOffset)
{
    /// <summary>Reads lead, signature header and header from <paramref name="stream"/>; it is left at the payload.</summary>
    /// <param name="source">Names the package in error messages (usually its path).</param>
    public static RpmPackageHeaders Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var lead = new byte[RpmFormat.LeadSize];
        var read = stream.ReadAtLeast(lead, lead.Length, throwOnEndOfStream: false);
        var parsedLead = RpmLead.Parse(lead.AsSpan(0, read), source);

        const long signatureOffset = RpmFormat.LeadSize;
        var signature = RpmHeader.Read(stream, $"'{source}' signature header", signatureOffset);
        var signatureEnd = signatureOffset + signature.Bytes.Length;
        // The signature header is padded to a multiple of 8 bytes (format_signature.md).
        var padding = (int)((8 - (signatureEnd % 8)) % 8);
        if (padding > 0)
        {
            Span<byte> pad = stackalloc byte[8];
            stream.ReadExactly(pad[..padding], $"'{source}' signature padding", signatureEnd);
        }

        var headerOffset = signatureEnd + padding;
        var header = RpmHeader.Read(stream, $"'{source}' header", headerOffset);
        return new RpmPackageHeaders(source, parsedLead, signature, header, signatureOffset, headerOffset, headerOffset + header.Bytes.Length);
    }

    /// <summary>Reads the headers of the package file at <paramref name="path"/>.</summary>
    public static RpmPackageHeaders Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
        return Read(stream, path);
    }
}
