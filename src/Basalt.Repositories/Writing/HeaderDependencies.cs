using Basalt.Packaging;
using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;

namespace Basalt.Repositories.Writing;

/// <summary>
/// Dependency sets and file paths decoded with <see cref="HeaderText"/> (Latin-1 fallback), so non-UTF-8 names come out
/// as createrepo_c writes them rather than as replacement characters.
/// </summary>
internal static class HeaderDependencies
{
    public static Dependency[] Read(RpmHeader header, RpmTag nameTag, RpmTag flagsTag, RpmTag versionTag)
    {
        var names = HeaderText.GetAll(header, nameTag);
        var flags = header.GetNumbers(flagsTag);
        var versions = HeaderText.GetAll(header, versionTag);
        if (flags.Length != names.Length || versions.Length != names.Length)
        {
            throw new InvalidDataException($"Tags '{nameTag}', '{flagsTag}' and '{versionTag}' have {names.Length}, {flags.Length} and {versions.Length} elements; they must match.");
        }

        var result = new Dependency[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            result[i] = new Dependency(names[i], (DependencyFlags)(uint)flags[i], versions[i]);
        }

        return result;
    }

    /// <summary>The file paths in header order: DIRNAMES[DIRINDEXES[i]] + BASENAMES[i], or the decoded view's paths for old packages.</summary>
    public static string[] FilePaths(RpmHeader header, RpmPackageInfo info)
    {
        var baseNames = HeaderText.GetAll(header, RpmTag.BaseNames);
        var dirNames = HeaderText.GetAll(header, RpmTag.DirNames);
        var indexes = header.GetNumbers(RpmTag.DirIndexes);
        if (baseNames.Length != info.Files.Count || indexes.Length != baseNames.Length)
        {
            return [.. info.Files.Select(f => f.Path)];
        }

        var result = new string[baseNames.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = indexes[i] < (ulong)dirNames.Length ? dirNames[(int)indexes[i]] + baseNames[i] : info.Files[i].Path;
        }

        return result;
    }
}
