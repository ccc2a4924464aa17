using Basalt.IO;
using Basalt.Repositories.Metadata;
using Basalt.Repositories.Signing;
using Basalt.Repositories.Sources;

namespace Basalt.Repositories;

/// <summary>
/// Fetches, verifies and parses a repository: repomd.xml (and repomd.xml.asc under repo_gpgcheck), then primary and
/// optionally filelists and other. Every metadata file is checked against repomd.xml's size and checksum before it is
/// parsed, and its decompressed bytes against open-size and open-checksum before any package is returned.
/// </summary>
public static class RepositoryLoader
{
    public const string RepoMdPath = "repodata/repomd.xml";

    public const string RepoMdSignaturePath = "repodata/repomd.xml.asc";

    /// <summary>Loads <paramref name="definition"/>'s metadata.</summary>
    public static async Task<LoadedRepository> LoadAsync(RepositoryDefinition definition, RepositoryLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new RepositoryLoadOptions();
        var source = RepositorySource.Create(definition.Location, options.Cache, options.HttpClient);
        var (repoMd, fingerprint, repoMdSha256) = await ReadRepoMdCoreAsync(definition, source, cancellationToken).ConfigureAwait(false);
        var primary = repoMd.Find("primary")
            ?? throw new RepositoryException($"Repository '{definition.Id}': '{source.Describe(RepoMdPath)}' lists no primary metadata"
                + (repoMd.Find("primary_db") is null ? "." : " (only primary_db, the sqlite form, which is not supported)."));
        var statuses = repoMd.Records.ToDictionary(r => r, r => new MetadataFileStatus(r, false, ""));
        var pool = new StringPool();
        var (packages, status) = await ReadAsync(source, definition.Id, primary,
            stream => PrimaryReader.Read(stream, source.Describe(primary.Location), pool, options.KeepText).ToList(), cancellationToken).ConfigureAwait(false);
        statuses[primary] = status;

        if (options.Filelists && repoMd.Find("filelists") is { } filelists)
        {
            statuses[filelists] = await MergeAsync(source, definition.Id, filelists, packages,
                stream => SecondaryReader.ReadFilelists(stream, source.Describe(filelists.Location), pool),
                (p, s) => p with { Files = s.Files }, cancellationToken).ConfigureAwait(false);
        }

        if (options.Other && repoMd.Find("other") is { } other)
        {
            statuses[other] = await MergeAsync(source, definition.Id, other, packages,
                stream => SecondaryReader.ReadOther(stream, source.Describe(other.Location), pool),
                (p, s) => p with { Changelogs = s.Changelogs }, cancellationToken).ConfigureAwait(false);
        }

        return new LoadedRepository(definition, repoMd, packages, [.. repoMd.Records.Select(r => statuses[r])], fingerprint)
        {
            RepoMdSha256 = repoMdSha256,
        };
    }

    /// <summary>Reads repomd.xml and, when <see cref="RepositoryDefinition.RepoGpgCheck"/> is set, verifies its signature first.</summary>
    public static async Task<(RepoMd RepoMd, string? SigningKey)> ReadRepoMdAsync(RepositoryDefinition definition, RepositorySource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(source);
        var (repoMd, signingKey, _) = await ReadRepoMdCoreAsync(definition, source, cancellationToken).ConfigureAwait(false);
        return (repoMd, signingKey);
    }

    /// <summary>As <see cref="ReadRepoMdAsync"/>, with the SHA-256 of the repomd.xml bytes that were read (for provenance).</summary>
    private static async Task<(RepoMd RepoMd, string? SigningKey, string Sha256)> ReadRepoMdCoreAsync(RepositoryDefinition definition, RepositorySource source,
        CancellationToken cancellationToken)
    {
        var bytes = await source.ReadSmallFileAsync(RepoMdPath, cancellationToken).ConfigureAwait(false)
            ?? throw new RepositoryException($"Repository '{definition.Id}': '{source.Describe(RepoMdPath)}' does not exist.");
        string? fingerprint = null;
        if (definition.RepoGpgCheck)
        {
            if (definition.GpgKeys.Count == 0)
            {
                throw new RepositoryException($"Repository '{definition.Id}': repo_gpgcheck is on but no gpgkey is given.");
            }

            var signature = await source.ReadSmallFileAsync(RepoMdSignaturePath, cancellationToken).ConfigureAwait(false)
                ?? throw new RepositoryException($"Repository '{definition.Id}': repo_gpgcheck is on but '{source.Describe(RepoMdSignaturePath)}' does not exist.");
            try
            {
                fingerprint = RepoMdSignature.Verify(bytes, signature, RepoMdSignature.LoadKeys(definition.GpgKeys), source.Describe(RepoMdSignaturePath));
            }
            catch (RepositoryException ex)
            {
                throw new RepositoryException($"Repository '{definition.Id}': {ex.Message}", ex);
            }
        }

        using var stream = new MemoryStream(bytes, writable: false);
        return (RepoMdReader.Read(stream, source.Describe(RepoMdPath)), fingerprint, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    /// <summary>Fetches and verifies one metadata file, parses it with <paramref name="parse"/>, then checks open-size and open-checksum.</summary>
    internal static async Task<(T Result, MetadataFileStatus Status)> ReadAsync<T>(RepositorySource source, string repositoryId, RepoMdRecord record,
        Func<Stream, T> parse, CancellationToken cancellationToken)
    {
        var what = $"Repository '{repositoryId}' file '{record.Location}'";
        var path = await source.GetVerifiedFileAsync(record.Location, record.Checksum, record.Size, what, cancellationToken).ConfigureAwait(false);
        using var decompressed = MetadataFiles.Open(path, record.OpenSize);
        using var hashing = new HashingStream(decompressed, (record.OpenChecksum ?? record.Checksum).CreateHash(), leaveOpen: true);
        T result;
        using (var ahead = new ReadAheadStream(hashing))
        {
            result = parse(ahead);
            // The parser stops at the root element's end; hash whatever trails it too.
            ahead.CopyTo(Stream.Null);
        }

        if (record.OpenSize is { } openSize && hashing.BytesHashed != openSize)
        {
            throw new RepositoryException($"{what}: open-size mismatch: expected {openSize} bytes, actual {hashing.BytesHashed} bytes after decompression.");
        }

        if (record.OpenChecksum is { } openChecksum)
        {
            var digest = hashing.GetHashAndReset();
            if (!openChecksum.Matches(digest))
            {
                throw new RepositoryException(
                    $"{what}: {openChecksum.Type} open-checksum mismatch: expected {openChecksum.Hex}, actual {Convert.ToHexStringLower(digest)}.");
            }
        }

        var compression = Compression.Decompression.Name(decompressed.Format);
        return (result, new MetadataFileStatus(record, true, compression));
    }

    private static async Task<MetadataFileStatus> MergeAsync(RepositorySource source, string repositoryId, RepoMdRecord record, List<RpmMdPackage> packages,
        Func<Stream, IEnumerable<SecondaryPackage>> read, Func<RpmMdPackage, SecondaryPackage, RpmMdPackage> merge, CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, int>(packages.Count, StringComparer.Ordinal);
        for (int i = 0; i < packages.Count; i++)
        {
            index.TryAdd(packages[i].PkgId, i);
        }

        var (_, status) = await ReadAsync(source, repositoryId, record, stream =>
        {
            foreach (var entry in read(stream))
            {
                // An entry whose pkgid is not in primary describes nothing we load; libsolv ignores it as well.
                if (index.TryGetValue(entry.PkgId, out int i))
                {
                    packages[i] = merge(packages[i], entry);
                }
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return status;
    }
}
