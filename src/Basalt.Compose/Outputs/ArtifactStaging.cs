using System.Security.Cryptography;
using Basalt.IO;

namespace Basalt.Compose.Outputs;

/// <summary>
/// Temporary names for artefacts in the output directory (hidden, same directory, so the final rename is atomic).
/// Nothing appears under a final name before <see cref="CommitAll"/>; disposing removes every temporary still there,
/// so an error or a cancellation leaves the directory as it was.
/// </summary>
internal sealed class ArtifactStaging : IDisposable
{
    private readonly string _directory;
    private readonly string _suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private readonly List<(string Temporary, string Final, bool IsDirectory)> _items = [];

    public ArtifactStaging(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    /// <summary>The temporary path for the artefact <paramref name="fileName"/> (nothing is created yet).</summary>
    public string Reserve(string fileName, bool isDirectory = false)
    {
        var temporary = Path.Combine(_directory, $".{fileName}.partial-{_suffix}");
        _items.Add((temporary, Path.Combine(_directory, fileName), isDirectory));
        return temporary;
    }

    /// <summary>Renames every artefact into place, replacing earlier artefacts of the same name.</summary>
    public void CommitAll()
    {
        foreach (var (temporary, final, isDirectory) in _items)
        {
            if (isDirectory)
            {
                if (Directory.Exists(final))
                {
                    Directory.Delete(final, recursive: true);
                }
                else if (File.Exists(final))
                {
                    File.Delete(final);
                }

                Directory.Move(temporary, final);
            }
            else
            {
                File.Move(temporary, final, overwrite: true);
            }
        }

        _items.Clear();
    }

    public void Dispose()
    {
        foreach (var (temporary, _, isDirectory) in _items)
        {
            AtomicOutput.DeleteQuietly(temporary, isDirectory);
        }

        _items.Clear();
    }
}
