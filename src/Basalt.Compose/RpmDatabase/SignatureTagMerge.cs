using Basalt.Rpm.Format;

namespace Basalt.Compose.RpmDatabase;

/// <summary>
/// Which signature-header tags rpm copies into the main header when it reads a package (rpm 4.16+ package.c,
/// headerMergeLegacySigs): each with the main-header tag it becomes, the type it must have and, for scalars and
/// digests, the exact count. A tag already present in the main header is left alone. rpm refuses a package whose
/// listed signature tag has the wrong type or count, and so do we. Tags not listed here (the header-only region,
/// RESERVEDSPACE, the v6 OPENPGP and SHA3-256 tags, rpm 6's reserved 999) stay in the signature header only.
/// </summary>
internal static class SignatureTagMerge
{
    internal sealed record Rule(RpmSignatureTag Source, RpmTag Target, RpmTagType Type, int Count);

    /// <summary>Count 0: any count from 1 up to rpm's 16 Mi element limit.</summary>
    public static readonly IReadOnlyList<Rule> Rules =
    [
        new(RpmSignatureTag.Size, RpmTag.SigSize, RpmTagType.Int32, 1),
        new(RpmSignatureTag.Pgp, RpmTag.SigPgp, RpmTagType.Bin, 0),
        new(RpmSignatureTag.Md5, RpmTag.SigMd5, RpmTagType.Bin, 16),
        new(RpmSignatureTag.Gpg, RpmTag.SigGpg, RpmTagType.Bin, 0),
        new(RpmSignatureTag.PayloadSize, RpmTag.ArchiveSize, RpmTagType.Int32, 1),
        new(RpmSignatureTag.FileSignatures, RpmTag.FileSignatures, RpmTagType.StringArray, 0),
        new(RpmSignatureTag.FileSignatureLength, RpmTag.FileSignatureLength, RpmTagType.Int32, 1),
        new(RpmSignatureTag.VeritySignatures, RpmTag.VeritySignatures, RpmTagType.StringArray, 0),
        new(RpmSignatureTag.VeritySignatureAlgo, RpmTag.VeritySignatureAlgo, RpmTagType.Int32, 1),
        new(RpmSignatureTag.Sha1, RpmTag.Sha1Header, RpmTagType.String, 1),
        new(RpmSignatureTag.Sha256, RpmTag.Sha256Header, RpmTagType.String, 1),
        new(RpmSignatureTag.Dsa, RpmTag.DsaHeader, RpmTagType.Bin, 0),
        new(RpmSignatureTag.Rsa, RpmTag.RsaHeader, RpmTagType.Bin, 0),
        new(RpmSignatureTag.LongSize, RpmTag.LongSigSize, RpmTagType.Int64, 1),
        new(RpmSignatureTag.LongArchiveSize, RpmTag.LongArchiveSize, RpmTagType.Int64, 1),
    ];

    private const int MaxCount = 16 * 1024 * 1024;

    /// <summary>Adds the signature tags rpm merges to <paramref name="added"/>, keyed by main-header tag.</summary>
    public static void Apply(RpmPackageHeaders package, SortedDictionary<int, AddedEntry> added)
    {
        foreach (var rule in Rules)
        {
            var entry = package.Signature.Find(rule.Source);
            if (entry is null || package.Header.Contains(rule.Target))
            {
                continue;
            }

            var countOk = rule.Count == 0 ? entry.Count <= MaxCount : entry.Count == rule.Count;
            if (entry.Type != rule.Type || !countOk)
            {
                throw new InvalidDataException(
                    $"'{package.Source}' signature header: tag {(int)rule.Source} ({rule.Source}) is {entry.Type} with count {entry.Count}; " +
                    $"rpm requires {rule.Type}{(rule.Count == 0 ? "" : $" with count {rule.Count}")} before merging it into the header.");
            }

            added[(int)rule.Target] = new AddedEntry(entry.Type, entry.Count, entry.Data);
        }
    }
}
