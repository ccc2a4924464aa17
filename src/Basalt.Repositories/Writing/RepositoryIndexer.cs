using System.Globalization;
using Basalt.IO;
using Basalt.Repositories.Metadata;
using Basalt.Repositories.Signing;

namespace Basalt.Repositories.Writing;

/// <summary>
/// Produces rpm-md metadata for a folder of RPMs (what <c>createrepo_c</c> does): primary, filelists and other, then
/// repomd.xml, written to a temporary sibling of DIR/repodata and renamed into place at the end. Byte-reproducible:
/// packages are sorted by location (ordinal), times come from the options or SOURCE_DATE_EPOCH, checksums are sha256.
/// </summary>
public static class RepositoryIndexer
{
    /// <summary>Indexes every *.rpm under <paramref name="directory"/> (except in repodata/ and hidden folders).</summary>
    public static async Task<RepoMd> IndexAsync(string directory, RepositoryIndexOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new RepositoryIndexOptions();
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Repository folder '{directory}' does not exist.");
        }

        long timestamp = options.Timestamp ?? SourceDateEpoch() ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        long? clamp = options.Timestamp ?? SourceDateEpoch();
        var locations = FindPackages(root);
        var packages = new RpmMdPackage[locations.Count];
        await Parallel.ForAsync(0, locations.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            (i, _) =>
            {
                var path = Path.Combine(root, locations[i]);
                try
                {
                    packages[i] = PackageMetadata.Read(path, locations[i], clamp, options.ChangelogLimit);
                }
                catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
                {
                    throw new InvalidDataException($"Package '{path}': {ex.Message}", ex);
                }

                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);

        using var output = AtomicOutput.CreateDirectory(Path.Combine(root, "repodata"));
        var folder = output.TemporaryPath;
        var compression = options.Compression;
        var records = new List<RepoMdRecord>
        {
            MetadataFileWriter.Write(folder, "primary", compression, timestamp, "metadata", RpmMdXml.CommonNamespace, packages.Length, packages, RpmMdXml.WritePrimaryPackage),
            MetadataFileWriter.Write(folder, "filelists", compression, timestamp, "filelists", RpmMdXml.FilelistsNamespace, packages.Length, packages, RpmMdXml.WriteFilelistsPackage),
            MetadataFileWriter.Write(folder, "other", compression, timestamp, "otherdata", RpmMdXml.OtherNamespace, packages.Length, packages, RpmMdXml.WriteOtherPackage),
        };
        var repoMd = new RepoMd(options.Revision ?? timestamp.ToString(CultureInfo.InvariantCulture), records);
        var repoMdBytes = RepoMdWriter.Write(repoMd);
        await File.WriteAllBytesAsync(Path.Combine(folder, "repomd.xml"), repoMdBytes, cancellationToken).ConfigureAwait(false);
        if (options.SigningKey is { } key)
        {
            var signature = RepoMdSigner.Sign(repoMdBytes, key, options.SigningKeyPassphrase, DateTimeOffset.FromUnixTimeSeconds(timestamp));
            await File.WriteAllBytesAsync(Path.Combine(folder, "repomd.xml.asc"), signature, cancellationToken).ConfigureAwait(false);
        }

        output.Commit();
        return repoMd;
    }

    /// <summary>SOURCE_DATE_EPOCH when set to a number (reproducible-builds.org specification).</summary>
    public static long? SourceDateEpoch()
        => long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;

    /// <summary>Package paths relative to <paramref name="root"/> with '/' separators, sorted ordinally.</summary>
    internal static List<string> FindPackages(string root)
    {
        var result = new List<string>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden, IgnoreInaccessible = false, MatchCasing = MatchCasing.CaseSensitive };
        foreach (var path in Directory.EnumerateFiles(root, "*.rpm", options))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.StartsWith("repodata/", StringComparison.Ordinal) || relative.Split('/').Any(part => part.StartsWith('.')))
            {
                continue;
            }

            result.Add(relative);
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
