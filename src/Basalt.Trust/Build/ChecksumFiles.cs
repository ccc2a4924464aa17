using System.Security.Cryptography;

namespace Basalt.Trust.Build;

/// <summary>
/// What SHA256SUMS covers: every file under an output folder, by path relative to it with '/' separators, except
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

    public static IReadOnlyList<string> List(string directory)
        => [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(IsCovered)
            .Order(StringComparer.Ordinal)];

    /// <param name="known">Digests already computed (the disk images: gigabytes each), by name; the rest are read.</param>
    public static async Task<IReadOnlyList<BuildArtifact>> DigestAllAsync(string directory, IReadOnlyDictionary<string, BuildArtifact> known,
        CancellationToken cancellationToken)
    {
        var result = new List<BuildArtifact>();
        foreach (var name in List(directory))
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
