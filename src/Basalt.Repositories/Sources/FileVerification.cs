using Basalt.Repositories.Metadata;

namespace Basalt.Repositories.Sources;

/// <summary>Checks a file's size and digest against what repomd.xml (or primary) promises.</summary>
internal static class FileVerification
{
    private const int BufferSize = 1 << 16;

    /// <summary>Hashes the file at <paramref name="path"/>; throws <see cref="RepositoryException"/> on a size or digest mismatch.</summary>
    /// <param name="what">Names the repository and file in the message ("repository 'x' file 'repodata/…'").</param>
    public static async Task VerifyAsync(string path, RepoChecksum checksum, long? size, string what, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            if (size is { } expected && stream.Length != expected)
            {
                throw new RepositoryException($"{what}: size mismatch: expected {expected} bytes, actual {stream.Length} bytes.");
            }

            using var hash = checksum.CreateHash();
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            Check(checksum, hash.GetHashAndReset(), what);
        }
    }

    /// <summary>Throws when <paramref name="actual"/> differs from <paramref name="expected"/>.</summary>
    public static void Check(RepoChecksum expected, ReadOnlySpan<byte> actual, string what)
    {
        if (!expected.Matches(actual))
        {
            throw new RepositoryException(
                $"{what}: {expected.Type} checksum mismatch: expected {expected.Hex}, actual {Convert.ToHexStringLower(actual)}.");
        }
    }
}
