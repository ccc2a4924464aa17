using Basalt.Packaging.Model;
using Basalt.Repositories.Metadata;
using Basalt.Repositories.Sources;
using Basalt.Rpm.Signatures;
using LoaderRepository = Basalt.Repositories.RepositoryDefinition;

namespace Basalt.Compose.Build;

/// <summary>A package file on local disk whose checksum matched the repository's metadata and whose digests (and, where the repository asks, signature) verified.</summary>
internal sealed record FetchedPackage(PackageCandidate Candidate, string Path, string Sha256, string? SigningKey);

/// <summary>
/// The fetch stage: brings every package to local disk through the repository's source (a local folder in place, a
/// remote one through the content-addressed cache), then verifies it as dnf would before installing: the checksum from
/// primary metadata always, the header and payload digests always, and an OpenPGP signature by one of the repository's
/// keys when it sets gpgcheck. The uncompressed payload's size and digest are left to the install stage, which
/// decompresses the payload anyway; a package that fails them stops the build there, before anything is written.
/// </summary>
internal static class PackageFetcher
{
    private const int Parallelism = 4;

    /// <summary>
    /// Everything but the uncompressed payload's size and PAYLOADDIGESTALT, which the install stage checks on the one
    /// decompression it makes anyway (PackageDecoder), before the image is written: a package is read once in full here
    /// and decompressed once there, instead of decompressed twice.
    /// </summary>
    private static readonly RpmVerificationOptions CompressedOnly = new() { CheckUncompressedPayload = false };

    public static async Task<IReadOnlyList<FetchedPackage>> FetchAsync(IReadOnlyList<PackageCandidate> packages,
        IReadOnlyDictionary<string, LoaderRepository> repositories, RepositoryCache cache, IBuildObserver observer, CancellationToken cancellationToken)
    {
        var sources = repositories.Values.ToDictionary(r => r.Id, r => RepositorySource.Create(r.Location, cache), StringComparer.Ordinal);
        var keyrings = repositories.Values.Where(r => r.GpgCheck)
            .ToDictionary(r => r.Id, r => LoadKeyring(r), StringComparer.Ordinal);
        var results = new FetchedPackage[packages.Count];
        var done = 0;
        var progressLock = new Lock();
        await Parallel.ForAsync(0, packages.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var candidate = packages[index];
                results[index] = await FetchOneAsync(candidate, sources[candidate.RepositoryId], keyrings.GetValueOrDefault(candidate.RepositoryId), token)
                    .ConfigureAwait(false);
                lock (progressLock)
                {
                    observer.StageProgress(BuildStage.Fetch, ++done, packages.Count, candidate.Nevra.ToString());
                }
            }).ConfigureAwait(false);
        return results;
    }

    private static async Task<FetchedPackage> FetchOneAsync(PackageCandidate candidate, RepositorySource source, OpenPgpKeyring? keyring,
        CancellationToken cancellationToken)
    {
        var nevra = candidate.Nevra.ToString();
        var colon = candidate.Checksum.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new BuildException($"package {nevra} in repository '{candidate.RepositoryId}' has no checksum in its metadata; it cannot be verified.");
        }

        var checksum = new RepoChecksum(candidate.Checksum[..colon], candidate.Checksum[(colon + 1)..]);
        var path = await source.GetVerifiedFileAsync(candidate.Location, checksum, candidate.Size > 0 ? candidate.Size : null,
            $"package {nevra}", cancellationToken).ConfigureAwait(false);
        var report = await Task.Run(() => RpmPackageVerifier.Verify(path, keyring, CompressedOnly, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!report.DigestsOk)
        {
            var bad = report.Digests.First(c => c.Result == RpmCheckResult.Bad);
            throw new BuildException($"package {nevra} ('{path}') is damaged: {bad}");
        }

        if (keyring is not null && !report.Passed(requireSignature: true))
        {
            var signature = report.Signatures.FirstOrDefault();
            var why = signature is null ? "it is not signed" : signature.ToString();
            throw new BuildException($"package {nevra} from repository '{candidate.RepositoryId}' fails its signature check (gpgcheck is on): {why}.");
        }

        var sha256 = checksum.Type.Equals("sha256", StringComparison.OrdinalIgnoreCase)
            ? checksum.Hex.ToLowerInvariant()
            : await Sha256FileAsync(path, cancellationToken).ConfigureAwait(false);
        var key = report.Signatures.FirstOrDefault(c => c.Result == RpmCheckResult.Ok)?.KeyFingerprint;
        return new FetchedPackage(candidate, path, sha256, key);
    }

    private static OpenPgpKeyring LoadKeyring(LoaderRepository repository)
    {
        if (repository.GpgKeys.Count == 0)
        {
            throw new BuildException($"repository '{repository.Id}' sets gpgcheck but lists no gpg_keys to check packages with.");
        }

        return OpenPgpKeyring.Load(repository.GpgKeys);
    }

    private static async Task<string> Sha256FileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var digest = await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(digest);
        }
    }
}
