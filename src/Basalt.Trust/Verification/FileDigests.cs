using System.Security.Cryptography;

namespace Basalt.Trust.Verification;

/// <summary>
/// SHA-256 of files, each read once per verification: the provenance subjects and SHA256SUMS name the same disk
/// images, gigabytes each.
/// </summary>
internal sealed class FileDigests
{
    private readonly Dictionary<string, string> _digests = new(StringComparer.Ordinal);

    /// <summary>The lower-case hex SHA-256 of the file, or null when it does not exist.</summary>
    public string? Of(string path)
    {
        var full = Path.GetFullPath(path);
        if (_digests.TryGetValue(full, out var digest))
        {
            return digest;
        }

        if (!File.Exists(full))
        {
            return null;
        }

        using var stream = File.OpenRead(full);
        return _digests[full] = Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
