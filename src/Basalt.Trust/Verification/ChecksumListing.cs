using System.Security.Cryptography;
using Basalt.Trust.Build;
using Basalt.Trust.Checksums;

namespace Basalt.Trust.Verification;

/// <summary>SHA256SUMS against the folder: every listed file has its digest, and every file the list should cover is on it.</summary>
internal static class ChecksumListing
{
    public static bool Check(string directory, string prefix, byte[] sums, FileDigests digests, CheckRun run, CancellationToken cancellationToken)
    {
        var listed = Sha256Sums.Read(sums, TrustOutputs.ChecksumsName);
        foreach (var entry in listed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var actual = digests.Of(Path.Combine(directory, entry.Name));

            if (!run.Check($"file {entry.Name}", actual == entry.Sha256, actual is null ? "missing"
                    : $"sha256:{actual}" + (actual == entry.Sha256 ? "" : $", SHA256SUMS says sha256:{entry.Sha256}")))
            {
                return false;
            }
        }

        var names = listed.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var unlisted = ChecksumFiles.List(directory, prefix).Where(f => !names.Contains(f)).ToList();
        return run.Check("no unlisted files", unlisted.Count == 0, unlisted.Count == 0
            ? $"{listed.Count} files listed in {TrustOutputs.ChecksumsName}"
            : $"'{unlisted[0]}' is in the folder but not in {TrustOutputs.ChecksumsName}");
    }
}
