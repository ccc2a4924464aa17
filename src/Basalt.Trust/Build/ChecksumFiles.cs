using System.Security.Cryptography;

namespace Basalt.Trust.Build;

/// <summary>
/// What SHA256SUMS covers: the files one build wrote into its output folder — the lockfile and everything named
/// <c>NAME-VERSION.*</c> (the OCI layout's files included) — by path relative to the folder with '/' separators, except
/// the checksum files themselves, the provenance (signed on its own, and leaving it out lets an external signer sign
/// both in one round) and the build report (which records timings, so it is not reproducible).
/// </summary>
public static class ChecksumFiles
{
    public static bool IsCovered(string relativePath)
        => relativePath is not (TrustOutputs.ChecksumsName or TrustOutputs.ChecksumsSignatureName)
            && !relativePath.EndsWith(".report.json", StringComparison.Ordinal)
            && !relativePath.EndsWith(".provenance.json", StringComparison.Ordinal)
            && !relativePath.StartsWith('.');

    /// <param name="prefix">The build's artefact prefix, <c>NAME-VERSION</c>: other files in the folder (an earlier image,
    /// a repository kept beside the output) are not this build's.</param>
    public static IReadOnlyList<string> List(string directory, string prefix)
        => [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f == Compose.Build.ImageBuilder.LockFileName || f.StartsWith(prefix + ".", StringComparison.Ordinal))
            .Where(IsCovered)
            .Order(StringComparer.Ordinal)];

    /// <param name="known">Digests already computed (the disk images: gigabytes each), by name; the rest are read.</param>
    public static async Task<IReadOnlyList<BuildArtifact>> DigestAllAsync(string directory, string prefix, IReadOnlyDictionary<string, BuildArtifact> known,
        CancellationToken cancellationToken)
    {
        var result = new List<BuildArtifact>();
        foreach (var name in List(directory, prefix))
        {
            if (known.TryGetValue(name, out var artifact))
            {
                result.Add(artifact);
                continue;
            }

            var stream = File.OpenRead(Path.Combine(directory, name));
            await using (stream.ConfigureAwait(false))
            {
                var digest = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
                result.Add(new BuildArtifact(name, Convert.ToHexStringLower(digest), stream.Length));
            }
        }

        return result;
    }
}
