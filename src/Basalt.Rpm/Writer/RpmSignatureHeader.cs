using System.Security.Cryptography;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Writer;

/// <summary>
/// Builds the signature header (region tag 62) as rpm 4.18's rpmGenerateSignature does: SHA-1 and SHA-256 of the
/// main header, MD5 of header + payload, the header + payload size and the uncompressed payload size, and
/// RESERVEDSPACE zeros (32 + %__gpg_reserved_space 4096) that rpmsign replaces with a signature in place. Above
/// 4 GiB the sizes become LONGSIZE/LONGARCHIVESIZE and the reserved space shrinks by the difference, so the header
/// keeps its size either way.
/// </summary>
internal static class RpmSignatureHeader
{
    public const int ReservedSpace = 32 + 4096;

    /// <param name="signature">An OpenPGP header signature and its tag (268 or 267), or null for an unsigned package.</param>
    public static byte[] Build(string headerSha1, string headerSha256, ReadOnlySpan<byte> md5, long headerAndPayloadSize, long uncompressedPayloadSize, (int Tag, byte[] Packet)? signature = null)
    {
        var small = headerAndPayloadSize <= uint.MaxValue && uncompressedPayloadSize <= uint.MaxValue;
        var unsignedSize = SizeOfShortTags() + ReservedSpace + RpmFormat.IndexEntrySize;
        var md5Bytes = md5.ToArray();
        RpmHeaderBuilder Start()
        {
            var builder = Create(headerSha1, headerSha256, md5Bytes);
            if (signature is { } sig)
            {
                builder.AddBinary(sig.Tag, sig.Packet);
            }

            if (small)
            {
                builder.AddInt32((int)RpmSignatureTag.Size, (uint)headerAndPayloadSize);
                builder.AddInt32((int)RpmSignatureTag.PayloadSize, (uint)uncompressedPayloadSize);
            }
            else
            {
                builder.AddInt64((int)RpmSignatureTag.LongSize, (ulong)headerAndPayloadSize);
                builder.AddInt64((int)RpmSignatureTag.LongArchiveSize, (ulong)uncompressedPayloadSize);
            }

            return builder;
        }

        // Whatever the size tags and the signature take comes out of the reserved space, so the signature header
        // keeps the size it has in an unsigned package with 32-bit sizes (rpmGenerateSignature and rpmsign do the same).
        var probe = Start();
        probe.AddBinary((int)RpmSignatureTag.ReservedSpace, new byte[1]);
        var reserved = 1 + unsignedSize - probe.Build(RpmFormat.HeaderSignaturesTag).Length;
        var result = Start();
        if (reserved > 0)
        {
            result.AddBinary((int)RpmSignatureTag.ReservedSpace, new byte[reserved]);
        }

        return result.Build(RpmFormat.HeaderSignaturesTag);
    }

    /// <summary>SHA-1 and SHA-256 (lower-case hex) of the main header, as RPMSIGTAG_SHA1 and RPMSIGTAG_SHA256 hold them.</summary>
    public static (string Sha1, string Sha256) HeaderDigests(ReadOnlySpan<byte> header)
    {
        // SHA-1 is required by the v4 format: rpm -K checks RPMSIGTAG_SHA1, and rpmbuild 4.18 still writes it.
#pragma warning disable CA5350 // Weak cryptographic algorithm: a format-mandated integrity digest, not a security decision.
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(header));
#pragma warning restore CA5350
        return (sha1, Convert.ToHexStringLower(SHA256.HashData(header)));
    }

    private static RpmHeaderBuilder Create(string sha1, string sha256, ReadOnlySpan<byte> md5)
    {
        var builder = new RpmHeaderBuilder();
        builder.AddString((int)RpmSignatureTag.Sha1, sha1);
        builder.AddString((int)RpmSignatureTag.Sha256, sha256);
        builder.AddBinary((int)RpmSignatureTag.Md5, md5);
        return builder;
    }

    /// <summary>The unsigned header with 32-bit sizes and no reserved space.</summary>
    private static int SizeOfShortTags()
    {
        var b = Create(new string('0', 40), new string('0', 64), new byte[16]);
        b.AddInt32((int)RpmSignatureTag.Size, 0);
        b.AddInt32((int)RpmSignatureTag.PayloadSize, 0);
        return b.Build(RpmFormat.HeaderSignaturesTag).Length;
    }
}
