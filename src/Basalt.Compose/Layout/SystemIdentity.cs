using System.Text;
using Basalt.Compose.Definition;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Layout;

/// <summary>Writes /usr/lib/os-release (packaged file merged with the definition), the /etc/os-release link and /etc/hostname.</summary>
internal static class SystemIdentity
{
    public const string UsrOsRelease = "/usr/lib/os-release";
    public const string EtcOsRelease = "/etc/os-release";

    /// <summary>os-release(5) names /etc/os-release as a relative symlink to the /usr copy in stateless systems.</summary>
    public const string EtcOsReleaseTarget = "../usr/lib/os-release";

    private const int MaxSymlinkHops = 8;

    /// <summary>The fields the definition sets, with IMAGE_ID and IMAGE_VERSION defaulted from name and version.</summary>
    public static SortedDictionary<string, string> Fields(ImageDefinition definition)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in definition.OsRelease)
        {
            fields[key] = value;
        }

        fields.TryAdd("IMAGE_ID", definition.Name);
        fields.TryAdd("IMAGE_VERSION", definition.Version);
        return fields;
    }

    public static string Apply(FileTree root, ImageDefinition definition, FileTimestamp time)
    {
        // The packages' file: /usr/lib/os-release, else /etc/os-release when only that is a real file.
        var existing = ReadText(root, UsrOsRelease) ?? ReadText(root, EtcOsRelease);
        var text = OsReleaseFile.Merge(existing, Fields(definition));
        root.AddOrReplace(UsrOsRelease, new RegularFileNode(Encoding.UTF8.GetBytes(text)) { ModificationTime = time });
        root.AddOrReplace(EtcOsRelease, new SymbolicLinkNode(EtcOsReleaseTarget) { ModificationTime = time });
        if (definition.Hostname is { } hostname)
        {
            // hostname(5): a single line with the static host name.
            root.AddOrReplace("/etc/hostname", new RegularFileNode(Encoding.UTF8.GetBytes(hostname + "\n")) { ModificationTime = time });
        }

        return text;
    }

    /// <summary>The text of a regular file, following symbolic links inside the tree; null when absent or dangling.</summary>
    private static string? ReadText(FileTree root, string path)
    {
        var current = path;
        for (var hop = 0; hop <= MaxSymlinkHops; hop++)
        {
            if (!root.TryGet(current, out var node))
            {
                return null;
            }

            switch (node)
            {
                case RegularFileNode file when file.Length > OsReleaseFile.MaxBytes:
                    throw new InvalidDataException($"'{current}' is {file.Length} bytes; an os-release file is refused beyond {OsReleaseFile.MaxBytes}.");
                case RegularFileNode file:
                    return Encoding.UTF8.GetString(file.Content.ReadAllBytes());
                case SymbolicLinkNode link:
                    current = Resolve(current, link.Target);
                    break;
                default:
                    return null;
            }
        }

        throw new InvalidDataException($"'{path}' has more than {MaxSymlinkHops} levels of symbolic links.");
    }

    /// <summary>A link target resolved against the link's directory, ".." clamped at the root as the kernel does.</summary>
    internal static string Resolve(string linkPath, string target)
    {
        var parts = new List<string>();
        if (!target.StartsWith('/'))
        {
            parts.AddRange(TreePath.Split(linkPath)[..^1]);
        }

        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }
}
