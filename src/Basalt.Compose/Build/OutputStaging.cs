namespace Basalt.Compose.Build;

/// <summary>
/// Keeps a build's output invisible until it is complete. Artefacts are written into a hidden folder inside the output
/// folder (same filesystem, so publishing is a rename per artefact) next to a scratch folder for intermediate files; a
/// build that fails or is cancelled deletes both and leaves the output folder as it was.
/// </summary>
internal sealed class OutputStaging : IDisposable
{
    private const string Prefix = ".basalt-build-";
    private bool _published;

    private readonly bool _createdOutput;

    private OutputStaging(string outputDirectory, string root, bool createdOutput)
    {
        _createdOutput = createdOutput;
        OutputDirectory = outputDirectory;
        Root = root;
        Artifacts = Directory.CreateDirectory(Path.Combine(root, "out")).FullName;
        Scratch = Directory.CreateDirectory(Path.Combine(root, "scratch")).FullName;
    }

    public string OutputDirectory { get; }

    /// <summary>The hidden folder holding <see cref="Artifacts"/> and <see cref="Scratch"/>.</summary>
    public string Root { get; }

    /// <summary>Where the artefacts are written; published into <see cref="OutputDirectory"/> at the end.</summary>
    public string Artifacts { get; }

    /// <summary>Intermediate files (filesystem images before they go on the disk, spooled payloads).</summary>
    public string Scratch { get; }

    public static OutputStaging Create(string outputDirectory)
    {
        var full = Path.GetFullPath(outputDirectory);
        var created = !Directory.Exists(full);
        var output = Directory.CreateDirectory(full).FullName;
        RemoveAbandoned(output);
        var root = Path.Combine(output, Prefix + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-"
            + Guid.NewGuid().ToString("N")[..8]);
        return new OutputStaging(output, root, created);
    }

    /// <summary>
    /// Deletes the staging folders of builds that were killed (SIGKILL, power loss) before they could clean up: those
    /// whose process no longer runs. A disk image's staging folder can hold gigabytes.
    /// </summary>
    internal static void RemoveAbandoned(string outputDirectory)
    {
        foreach (var folder in Directory.EnumerateDirectories(outputDirectory, Prefix + "*"))
        {
            var name = Path.GetFileName(folder)[Prefix.Length..];
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                && !IsRunning(pid))
            {
                Basalt.IO.AtomicOutput.DeleteQuietly(folder, isDirectory: true);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Moves every artefact into the output folder, replacing an earlier build's file or folder of the same name.</summary>
    public IReadOnlyList<string> Publish()
    {
        var published = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(Artifacts).Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(OutputDirectory, Path.GetFileName(entry));
            if (Directory.Exists(entry))
            {
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }

                Directory.Move(entry, target);
            }
            else
            {
                File.Move(entry, target, overwrite: true);
            }

            published.Add(target);
        }

        _published = true;
        return published;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);

            // A failed build into a folder it created leaves no empty folder behind either.
            if (!_published && _createdOutput && !Directory.EnumerateFileSystemEntries(OutputDirectory).Any())
            {
                Directory.Delete(OutputDirectory);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException) when (_published)
        {
            // Only the emptied staging folder is left behind; the artefacts are already in place.
        }
    }
}
