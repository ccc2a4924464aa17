using System.Text.Json;
using Basalt.Compose.Build;
using Basalt.Imaging.Pe;
using Basalt.Trust.Build;

namespace Basalt.Trust.Rebuild;

/// <summary>The verdict on one file of the original output: identical after the rebuild, or where it first differs.</summary>
public sealed record RebuildComparison(string Name, bool Identical, string Detail);

/// <summary>
/// <c>basalt rebuild --check DIR</c>: builds the image again from the definition and lockfile the build report records
/// (packages by digest, the same repository locations), in a temporary folder, and compares every file SHA256SUMS
/// covers byte for byte. The signed provenance is left out (a rebuild has no key); everything it signs is compared. A
/// boot chain signed for Secure Boot reproduces only when the rebuild is given the same key (RSA PKCS#1 v1.5 signatures
/// are deterministic); without it the ESP and the disks differ.
/// A difference is located: the first differing offset, and for disk images the partition and file it falls in.
/// </summary>
public static class RebuildChecker
{
    /// <param name="secureBootSigner">The key the original build signed its boot chain with, if it did.</param>
    public static async Task<IReadOnlyList<RebuildComparison>> CheckAsync(string directory, AuthenticodeSigner? secureBootSigner, IBuildObserver observer,
        CancellationToken cancellationToken)
    {
        var original = Path.GetFullPath(directory);
        var report = RecordedBuild.Read(original);
        var lockPath = Path.Combine(original, ImageBuilder.LockFileName);
        if (!File.Exists(lockPath))
        {
            throw new BuildException($"'{original}' has no {ImageBuilder.LockFileName}; a rebuild takes its packages from it.");
        }

        var scratch = Path.Combine(Path.GetTempPath(), "basalt-rebuild-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await ImageBuilder.BuildAsync(new ImageBuildOptions
            {
                DefinitionPath = report.DefinitionPath,
                OutputDirectory = scratch,
                LockFilePath = lockPath,
                RepositoryLocations = report.RepositoryLocations,
                EnvironmentSourceDateEpoch = report.SourceDateEpoch,
                Finishing = (outputs, token) => TrustOutputs.WriteAsync(outputs, signer: null, token),
                SecureBootSigner = secureBootSigner,
            }, observer, cancellationToken).ConfigureAwait(false);
            return Compare(original, scratch, report.Prefix, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static List<RebuildComparison> Compare(string original, string rebuilt, string prefix, CancellationToken cancellationToken)
    {
        var left = ChecksumFiles.List(original, prefix);
        var right = ChecksumFiles.List(rebuilt, prefix).ToHashSet(StringComparer.Ordinal);
        var result = new List<RebuildComparison>();
        foreach (var name in left)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(right.Contains(name)
                ? FileDifference.Compare(name, Path.Combine(original, name), Path.Combine(rebuilt, name))
                : new RebuildComparison(name, false, "the rebuild did not write it"));
        }

        result.AddRange(right.Where(n => !left.Contains(n)).Order(StringComparer.Ordinal)
            .Select(n => new RebuildComparison(n, false, "only the rebuild wrote it")));
        return result;
    }
}

/// <summary>What the build report says about how the build was made: enough to make it again.</summary>
internal sealed record RecordedBuild(string DefinitionPath, IReadOnlyDictionary<string, string> RepositoryLocations, long SourceDateEpoch, string Prefix)
{
    public static RecordedBuild Read(string directory)
    {
        var reports = Directory.GetFiles(directory, "*.report.json");
        if (reports.Length != 1)
        {
            throw new BuildException($"'{directory}' must hold exactly one *.report.json (the build report); it holds {reports.Length}.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(reports[0]));
            var root = document.RootElement;
            var locations = root.TryGetProperty("repositoryLocations", out var repos)
                ? repos.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
                : [];
            return new RecordedBuild(root.GetProperty("definitionPath").GetString()!, locations, root.GetProperty("sourceDateEpoch").GetInt64(),
                Path.GetFileName(reports[0])[..^".report.json".Length]);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new BuildException($"'{reports[0]}' is not a Basalt build report: {exception.Message}", exception);
        }
    }
}
