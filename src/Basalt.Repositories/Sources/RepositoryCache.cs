using System.Buffers;
using Basalt.IO;
using Basalt.Repositories.Metadata;

namespace Basalt.Repositories.Sources;

/// <summary>
/// A content-addressed on-disk cache of downloaded repository files, keyed by checksum
/// (<c>ROOT/sha256/ab/abcdef…</c>). Safe for several builds at once: a download goes to a uniquely named temporary
/// file in the same directory, is verified, then renamed into place (rename(2) is atomic, and two writers of the same
/// key write the same bytes). A cached file is re-hashed before it is served and deleted when it no longer matches.
/// </summary>
public sealed class RepositoryCache
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public RepositoryCache(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>$XDG_CACHE_HOME/basalt/repositories (or ~/.cache/basalt/repositories).</summary>
    public static RepositoryCache Default { get; } = new(Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "basalt", "repositories"));

    public string Root { get; }

    /// <summary>Where the file with <paramref name="checksum"/> lives (whether or not it is there).</summary>
    public string PathOf(RepoChecksum checksum)
    {
        ArgumentNullException.ThrowIfNull(checksum);
        var algorithm = checksum.Algorithm.Name!.ToLowerInvariant();
        var hex = checksum.Hex.ToLowerInvariant();
        if (hex.Length < 8 || hex.AsSpan().IndexOfAnyExcept(LowerHex) >= 0)
        {
            throw new RepositoryException($"Checksum \"{checksum}\" is not a hexadecimal digest.");
        }

        return Path.Combine(Root, algorithm, hex[..2], hex);
    }

    /// <summary>The cached file's path when present and still matching; a corrupt entry is deleted and null returned.</summary>
    public async Task<string?> TryGetAsync(RepoChecksum checksum, long? size, string what, CancellationToken cancellationToken)
    {
        var path = PathOf(checksum);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await FileVerification.VerifyAsync(path, checksum, size, what, cancellationToken).ConfigureAwait(false);
            return path;
        }
        catch (RepositoryException)
        {
            TryDelete(path);
            return null;
        }
    }

    /// <summary>
    /// Stores what <paramref name="write"/> produces under <paramref name="checksum"/> after verifying size and digest;
    /// returns the final path. On a mismatch nothing is stored and <see cref="RepositoryException"/> names both digests.
    /// </summary>
    public async Task<string> StoreAsync(RepoChecksum checksum, long? size, string what, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = PathOf(checksum);
        using var output = AtomicOutput.CreateFile(path);
        using (var hashing = new HashingStream(output.Stream, checksum.CreateHash(), leaveOpen: true))
        {
            await write(hashing, cancellationToken).ConfigureAwait(false);
            if (size is { } expected && hashing.BytesHashed != expected)
            {
                throw new RepositoryException($"{what}: size mismatch: expected {expected} bytes, actual {hashing.BytesHashed} bytes.");
            }

            FileVerification.Check(checksum, hashing.GetHashAndReset(), what);
        }

        output.Commit();
        return path;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another build may be replacing it right now; the next reader verifies again.
        }
        catch (UnauthorizedAccessException)
        {
            // A read-only cache is served only when it verifies; nothing more to do.
        }
    }
}
