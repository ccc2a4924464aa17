using Basalt.Repositories.Metadata;

namespace Basalt.Repositories.Sources;

/// <summary>
/// Where a repository's files come from: a local folder (a path or file:// URL) or an HTTP(S) base URL behind the
/// content-addressed cache. Every file that repomd.xml or primary describes is verified before it is handed out.
/// </summary>
public abstract class RepositorySource
{
    /// <summary>The largest repomd.xml or repomd.xml.asc accepted.</summary>
    public const long MaxSmallFileBytes = 16L << 20;

    /// <summary>The location as given (path or URL), for messages.</summary>
    public abstract string Location { get; }

    /// <summary>The full path or URL of <paramref name="relative"/>, for messages.</summary>
    public abstract string Describe(string relative);

    /// <summary>Reads a small file that no checksum covers (repomd.xml, repomd.xml.asc); null when it does not exist.</summary>
    public abstract Task<byte[]?> ReadSmallFileAsync(string relative, CancellationToken cancellationToken);

    /// <summary>
    /// Returns a local path holding exactly the file <paramref name="relative"/> with the digest <paramref name="checksum"/>
    /// (and size <paramref name="size"/> when known); throws <see cref="RepositoryException"/> naming
    /// <paramref name="what"/> and both digests when it differs.
    /// </summary>
    public abstract Task<string> GetVerifiedFileAsync(string relative, RepoChecksum checksum, long? size, string what, CancellationToken cancellationToken);

    /// <summary>
    /// A source for <paramref name="location"/>: an http:// or https:// URL (downloads go through <paramref name="cache"/>,
    /// a temporary one when null), a file:// URL or a local folder.
    /// </summary>
    public static RepositorySource Create(string location, RepositoryCache? cache = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            if (uri.Scheme is "http" or "https")
            {
                return new HttpRepositorySource(uri, cache ?? RepositoryCache.Default, httpClient);
            }

            if (uri.IsFile)
            {
                return new LocalRepositorySource(uri.LocalPath);
            }

            if (!OperatingSystem.IsWindows() || uri.Scheme.Length > 1)
            {
                throw new ArgumentException($"Repository location '{location}': scheme '{uri.Scheme}' is not supported (use a folder, file://, http:// or https://).", nameof(location));
            }
        }

        return new LocalRepositorySource(location);
    }

    /// <summary>Rejects relative paths that could leave the repository (absolute, "..", backslashes, NUL).</summary>
    protected static string CheckRelative(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        if (relative.Length == 0 || relative[0] == '/' || relative.Contains('\\', StringComparison.Ordinal) || relative.Contains('\0', StringComparison.Ordinal)
            || relative.Split('/').Any(part => part == ".."))
        {
            throw new RepositoryException($"Location '{relative}' is not a safe path inside the repository.");
        }

        return relative;
    }
}
