using Basalt.Packaging.Model;
using Basalt.Repositories.Metadata;
using Basalt.Repositories.Sources;
using Basalt.Rpm.Format;
using Basalt.Rpm.Signatures;
using LoaderRepository = Basalt.Repositories.RepositoryDefinition;

namespace Basalt.Compose.Build;

/// <summary>
/// A package file on local disk whose checksum matched the repository's metadata and whose digests (and, where the
/// repository asks, signature) verified; <paramref name="PayloadDigestVerified"/> when its compressed payload matched the
/// header's PAYLOADDIGEST.
/// </summary>
internal sealed record FetchedPackage(PackageCandidate Candidate, string Path, string Sha256, string? SigningKey, bool PayloadDigestVerified);

/// <summary>A fetch under way: each package's own task, so installing can start on it, and the stage as a whole.</summary>
internal sealed class FetchRun(TaskCompletionSource<FetchedPackage>[] packages, Task<IReadOnlyList<FetchedPackage>> all)
{
    /// <summary>Completes when package <paramref name="index"/> (in install order) is verified; faults when the stage fails before it is.</summary>
    public Task<FetchedPackage> Package(int index) => packages[index].Task;

    /// <summary>Every package, in install order, once the last is verified; the stage's first error otherwise.</summary>
    public Task<IReadOnlyList<FetchedPackage>> All { get; } = all;
}

/// <summary>
/// The fetch stage: brings every package to local disk through the repository's source (a local folder in place, a
/// remote one through the content-addressed cache), then verifies it as dnf would before installing: the checksum from
/// primary metadata always, the header and payload digests always, and an OpenPGP signature by one of the repository's
/// keys when it sets gpgcheck. The uncompressed payload's size is left to the install stage, which decompresses the
/// payload anyway, and so are its file digests and — for a package without a PAYLOADDIGEST that verified here —
/// PAYLOADDIGESTALT; a package that fails them stops the build there, before anything is written.
/// Packages are taken in install order, so the install stage can decode each one as soon as it is verified.
/// </summary>
internal static class PackageFetcher
{
    private const int Parallelism = 4;

    /// <summary>
    /// Everything but the uncompressed payload's checks, which the install stage makes on the one decompression it makes
    /// anyway (PackageDecoder), before the image is written: a package is read once in full here and decompressed once
    /// there, instead of decompressed twice. Once PAYLOADDIGEST has fixed the compressed bytes, the uncompressed ones are
    /// fixed too: the install stage then checks their size and every file's FILEDIGESTS, as rpm does while unpacking,
    /// but does not hash them all again for PAYLOADDIGESTALT.
    /// </summary>
    private static readonly RpmVerificationOptions CompressedOnly = new() { CheckUncompressedPayload = false };

    /// <summary>
    /// Starts fetching <paramref name="packages"/>; <paramref name="verified"/> is called (from any thread, one package at
    /// a time or several at once) as each one passes its checks.
    /// </summary>
    public static FetchRun Start(IReadOnlyList<PackageCandidate> packages, IReadOnlyDictionary<string, LoaderRepository> repositories,
        RepositoryCache cache, Action<PackageCandidate> verified, CancellationToken cancellationToken)
    {
        var sources = repositories.Values.ToDictionary(r => r.Id, r => RepositorySource.Create(r.Location, cache), StringComparer.Ordinal);
        var keyrings = repositories.Values.Where(r => r.GpgCheck)
            .ToDictionary(r => r.Id, r => LoadKeyring(r), StringComparer.Ordinal);
        var results = new TaskCompletionSource<FetchedPackage>[packages.Count];
        for (var i = 0; i < results.Length; i++)
        {
            // Continuations run where the package is verified: the installer queues its decoding from there (PackageInstaller).
            results[i] = new TaskCompletionSource<FetchedPackage>();
        }

        return new FetchRun(results, RunAsync(packages, sources, keyrings, results, verified, cancellationToken));
    }

    private static async Task<IReadOnlyList<FetchedPackage>> RunAsync(IReadOnlyList<PackageCandidate> packages, Dictionary<string, RepositorySource> sources,
        Dictionary<string, OpenPgpKeyring> keyrings, TaskCompletionSource<FetchedPackage>[] results, Action<PackageCandidate> verified,
        CancellationToken cancellationToken)
    {
        try
        {
            // Parallel.ForAsync hands out indices in increasing order, so packages are verified roughly in install order.
            await Parallel.ForAsync(0, packages.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var candidate = packages[index];
                    var fetched = await FetchOneAsync(candidate, sources[candidate.RepositoryId], keyrings.GetValueOrDefault(candidate.RepositoryId), token)
                        .ConfigureAwait(false);
                    results[index].SetResult(fetched);
                    verified(candidate);
                }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whoever waits for a package the stage did not verify learns why the stage stopped.
            foreach (var result in results)
            {
                result.TrySetException(ex);
            }

            throw;
        }

        return await Task.WhenAll(results.Select(r => r.Task)).ConfigureAwait(false);
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
        // Queued fairly, behind the decoding of packages verified earlier, so the install stage keeps up with the fetch.
        var report = await Task.Factory.StartNew(() => RpmPackageVerifier.Verify(path, keyring, CompressedOnly, cancellationToken), cancellationToken,
            TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).ConfigureAwait(false);
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
        var payloadVerified = report.Digests.Any(c => c is { Kind: RpmCheckKind.Digest, Tag: (int)RpmTag.PayloadDigest, Result: RpmCheckResult.Ok });
        return new FetchedPackage(candidate, path, sha256, key, payloadVerified);
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
