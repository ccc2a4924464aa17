namespace Basalt.TestInfrastructure;

/// <summary>
/// Locates the third-party fixtures in <c>shared/data</c>. The checkout and <c>shared/</c> sit side by
/// side (developers and CI alike), so the locator walks up from the test binary; the environment
/// variable <c>BASALT_SHARED_DATA</c> overrides it for other layouts.
/// </summary>
public static class Fixtures
{
    public const string EnvironmentVariable = "BASALT_SHARED_DATA";

    private static readonly Lazy<string> Root = new(Locate);

    private static readonly Lazy<string> Repo = new(LocateRepoRoot);

    /// <summary>The absolute path of <c>shared/data</c>.</summary>
    public static string DataRoot => Root.Value;

    /// <summary>The absolute path of a fixture given relative to <c>shared/data</c>.</summary>
    public static string Path(string relative)
    {
        var full = System.IO.Path.Combine(DataRoot, relative);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new FileNotFoundException($"Fixture '{relative}' not found under '{DataRoot}'.", full);
        }

        return full;
    }

    /// <summary>Every file under a fixture folder matching <paramref name="pattern"/>, sorted ordinally.</summary>
    public static IReadOnlyList<string> Files(string relativeFolder, string pattern)
    {
        var files = Directory.GetFiles(Path(relativeFolder), pattern, SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>The repository root (the folder holding Basalt.slnx).</summary>
    public static string RepoRoot => Repo.Value;

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? System.IO.Path.GetFullPath(fromEnvironment)
                : throw new DirectoryNotFoundException($"{EnvironmentVariable}='{fromEnvironment}' does not exist.");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, RepoRoot })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
                if (File.Exists(System.IO.Path.Combine(candidate, "SOURCES.md")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"shared/data not found above '{AppContext.BaseDirectory}'; set {EnvironmentVariable}.");
    }

    private static string LocateRepoRoot()
    {
        var recorded = typeof(Fixtures).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BasaltRepoRoot")?.Value;
        if (recorded is not null && File.Exists(System.IO.Path.Combine(recorded, "Basalt.slnx")))
        {
            return System.IO.Path.GetFullPath(recorded);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Basalt.slnx")))
            {
                return dir.FullName;
            }
        }

        // Artifacts may live outside the checkout (BASALT_ARTIFACTS); fall back to the working directory.
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Basalt.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Basalt.slnx not found above the test binary or the working directory.");
    }
}
