using System.Text.Json;
using System.Text.Json.Serialization;
using Basalt.Packaging.Model;

namespace Basalt.Solver.Locking;

/// <summary>
/// <c>basalt.lock</c>: the packages a resolution chose, enough to fetch and verify them again. Written sorted by NEVRA
/// (then repository) with a fixed layout, so the same resolution always gives the same bytes.
/// </summary>
/// <param name="Version">The format version; <see cref="CurrentVersion"/> when written by this code.</param>
/// <param name="Packages">The locked packages.</param>
public sealed record LockFile(int Version, IReadOnlyList<LockedPackage> Packages)
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The most packages a lockfile may list (hostile input is capped before it is used).</summary>
    public const int MaxPackages = 1_000_000;

    /// <summary>A lockfile for a resolved package set.</summary>
    public static LockFile From(IEnumerable<PackageCandidate> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        return new LockFile(CurrentVersion, Sort(packages.Select(p => new LockedPackage(
            p.Nevra.ToString(), p.RepositoryId, p.Location, p.Checksum, p.Size))));
    }

    /// <summary>Writes the lockfile as indented UTF-8 JSON with a final newline.</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var sorted = this with { Packages = Sort(Packages) };
        JsonSerializer.Serialize(stream, sorted, LockFileJson.Default.LockFile);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes the lockfile to <paramref name="path"/> through a temporary file, so a reader never sees half of it.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var stream = File.Create(temp))
        {
            Write(stream);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a lockfile; <paramref name="name"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed or describes an unsupported version.</exception>
    public static LockFile Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        LockFile? lockFile;
        try
        {
            lockFile = JsonSerializer.Deserialize(stream, LockFileJson.Default.LockFile);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Lockfile \"{name}\" is not valid JSON: {e.Message}", e);
        }

        if (lockFile is null || lockFile.Packages is null)
        {
            throw new InvalidDataException($"Lockfile \"{name}\" has no \"packages\" array.");
        }

        if (lockFile.Version != CurrentVersion)
        {
            throw new InvalidDataException($"Lockfile \"{name}\" has version {lockFile.Version}; this Basalt reads version {CurrentVersion}.");
        }

        if (lockFile.Packages.Count > MaxPackages)
        {
            throw new InvalidDataException($"Lockfile \"{name}\" lists {lockFile.Packages.Count} packages, more than {MaxPackages}.");
        }

        for (int i = 0; i < lockFile.Packages.Count; i++)
        {
            var package = lockFile.Packages[i];
            if (package is null || string.IsNullOrEmpty(package.Nevra) || package.Repository is null)
            {
                throw new InvalidDataException($"Lockfile \"{name}\": package {i} lacks \"nevra\" or \"repository\".");
            }
        }

        return lockFile;
    }

    /// <summary>Reads the lockfile at <paramref name="path"/>.</summary>
    public static LockFile Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    private static List<LockedPackage> Sort(IEnumerable<LockedPackage> packages)
        => [.. packages.OrderBy(p => p.Nevra, StringComparer.Ordinal).ThenBy(p => p.Repository, StringComparer.Ordinal)];
}

/// <summary>One locked package.</summary>
/// <param name="Nevra">The NEVRA as rpm prints it.</param>
/// <param name="Repository">The repository id it came from.</param>
/// <param name="Location">Its location in that repository.</param>
/// <param name="Checksum">Its checksum, "type:hex".</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record LockedPackage(string Nevra, string Repository, string Location, string Checksum, long Size);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NewLine = "\n", IndentSize = 2, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(LockFile))]
internal sealed partial class LockFileJson : JsonSerializerContext;
