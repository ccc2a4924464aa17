using System.Security.Cryptography;
using Basalt.Rpm.Format;

namespace Basalt.Rpm.Signatures;

public static partial class RpmPackageVerifier
{
    /// <summary>Which checks consume which bytes: the header alone, header then payload, the raw payload, the uncompressed payload.</summary>
    private sealed class CheckPlan
    {
        public List<StreamingCheck> HeaderOnly { get; } = [];

        public List<StreamingCheck> HeaderAndPayload { get; } = [];

        public List<StreamingCheck> Payload { get; } = [];

        public List<StreamingCheck> Uncompressed { get; } = [];

        public IEnumerable<StreamingCheck> All => HeaderOnly.Concat(HeaderAndPayload).Concat(Payload).Concat(Uncompressed);
    }

    private static CheckPlan Plan(RpmPackageHeaders headers, OpenPgpKeyring? keyring)
    {
        var plan = new CheckPlan();
        var signature = headers.Signature;
        var source = headers.Source;

        // Header-only signatures (rpm ≥ 4.0 RSA/DSA, rpm 6 OPENPGP which may hold several), then header digests.
        foreach (var tag in new[] { RpmSignatureTag.Rsa, RpmSignatureTag.Dsa, RpmSignatureTag.OpenPgp })
        {
            foreach (var packet in SignaturePackets(signature, tag, source))
            {
                plan.HeaderOnly.Add(SignatureCheck.Create(packet, (int)tag, headerOnly: true, keyring, source));
            }
        }

        AddHexDigest(plan.HeaderOnly, signature, RpmSignatureTag.Sha256, "Header SHA256 digest", HashAlgorithmName.SHA256);
        AddHexDigest(plan.HeaderOnly, signature, RpmSignatureTag.Sha1, "Header SHA1 digest", HashAlgorithmName.SHA1);
        AddHexDigest(plan.HeaderOnly, signature, RpmSignatureTag.Sha3_256, "Header SHA3-256 digest", HashAlgorithmName.SHA3_256);

        // Payload digests live in the main header (covered by the header digests and signatures).
        var header = headers.Header;
        var algorithm = (int)(header.GetNumber(RpmTag.PayloadDigestAlgo) ?? OpenPgpAlgorithms.Sha256);
        AddPayloadDigest(plan.Uncompressed, header, RpmTag.PayloadDigestAlt, algorithm, "ALT ");
        AddPayloadDigest(plan.Payload, header, RpmTag.PayloadDigest, algorithm, "");
        if (plan.Uncompressed.Count > 0
            && (signature.GetNumber((int)RpmSignatureTag.LongArchiveSize) ?? signature.GetNumber((int)RpmSignatureTag.PayloadSize)) is { } archiveSize)
        {
            var tag = signature.Contains((int)RpmSignatureTag.LongArchiveSize) ? RpmSignatureTag.LongArchiveSize : RpmSignatureTag.PayloadSize;
            plan.Uncompressed.Add(new SizeCheck("Payload size", (int)tag, archiveSize));
        }

        // Legacy header+payload signatures and MD5, then the header+payload size.
        foreach (var tag in new[] { RpmSignatureTag.Pgp, RpmSignatureTag.Gpg })
        {
            foreach (var packet in SignaturePackets(signature, tag, source))
            {
                plan.HeaderAndPayload.Add(SignatureCheck.Create(packet, (int)tag, headerOnly: false, keyring, source));
            }
        }

        if (signature.Find(RpmSignatureTag.Md5) is { Type: RpmTagType.Bin, Count: 16 } md5)
        {
            plan.HeaderAndPayload.Add(new DigestCheck("MD5 digest", (int)RpmSignatureTag.Md5, CreateMd5(), Convert.ToHexStringLower(md5.Data.Span)));
        }

        var sizeTag = signature.Contains((int)RpmSignatureTag.LongSize) ? RpmSignatureTag.LongSize : RpmSignatureTag.Size;
        if (signature.GetNumber((int)sizeTag) is { } size)
        {
            plan.HeaderAndPayload.Add(new SizeCheck("Header+payload size", (int)sizeTag, size));
        }

        return plan;
    }

    // MD5 is what the legacy tag holds; rpm still checks it. Not used for any security decision on its own.
#pragma warning disable CA5351 // Broken cryptographic algorithm: required to check rpm's legacy MD5 tag.
    private static IncrementalHash CreateMd5() => IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351

    private static void AddHexDigest(List<StreamingCheck> checks, RpmHeader signature, RpmSignatureTag tag, string name, HashAlgorithmName algorithm)
    {
        if (signature.Find(tag) is not { Type: RpmTagType.String } entry)
        {
            return;
        }

        var expected = entry.GetStrings()[0];
        if (algorithm == HashAlgorithmName.SHA3_256 && !SHA3_256.IsSupported)
        {
            checks.Add(new FixedCheck(new RpmCheck(RpmCheckKind.Digest, name, (int)tag, RpmCheckResult.Unsupported)
            {
                Expected = expected,
                Detail = "SHA3-256 is not available on this platform",
            }));
            return;
        }

        checks.Add(new DigestCheck(name, (int)tag, IncrementalHash.CreateHash(algorithm), expected));
    }

    private static void AddPayloadDigest(List<StreamingCheck> checks, RpmHeader header, RpmTag tag, int algorithm, string alt)
    {
        var values = header.GetStrings(tag);
        if (values.Length == 0)
        {
            return;
        }

        var name = $"Payload {OpenPgpAlgorithms.HashName(algorithm)} {alt}digest";
        var hash = OpenPgpAlgorithms.CreateHash(algorithm);
        checks.Add(hash is null
            ? new FixedCheck(new RpmCheck(RpmCheckKind.Digest, name, (int)tag, RpmCheckResult.Unsupported)
            {
                Expected = values[0],
                Detail = $"digest algorithm {algorithm} is not supported",
            })
            : new DigestCheck(name, (int)tag, hash, values[0]));
    }

    /// <summary>
    /// The signature packets of one tag: a BIN value is one packet (rpm 4); rpm 6's OPENPGP tag is a string array of
    /// base64-encoded packets, one per signature.
    /// </summary>
    private static IEnumerable<byte[]> SignaturePackets(RpmHeader signature, RpmSignatureTag tag, string source)
    {
        var entry = signature.Find(tag);
        if (entry is null)
        {
            yield break;
        }

        if (entry.Type == RpmTagType.Bin)
        {
            yield return entry.Data.ToArray();
            yield break;
        }

        if (!RpmTagTypes.IsString(entry.Type))
        {
            throw new InvalidDataException($"'{source}' signature tag {(int)tag} has type {entry.Type}; expected BIN or base64 strings.");
        }

        foreach (var text in entry.GetStrings())
        {
            byte[] packet;
            try
            {
                packet = Convert.FromBase64String(text);
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException($"'{source}' signature tag {(int)tag} holds a value that is not base64: '{Truncate(text)}'.", ex);
            }

            yield return packet;
        }
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

}
