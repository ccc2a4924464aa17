using System.Globalization;
using System.Text.RegularExpressions;
using Basalt.Rpm.Writer;
using YamlDotNet.RepresentationModel;

namespace Basalt.Rpm.Manifest;

/// <summary>Parses and checks the items of the "files" list (docs/rpm-manifest.md, "files").</summary>
internal static partial class ManifestFileEntries
{
    private static readonly string[] EntryKeys = ["path", "mode", "owner", "group", "config", "doc", "license", "ghost", "directory", "symlink", "hardlink"];

    public static List<ManifestFileEntry> Read(YamlMappingNode root, ManifestErrors errors)
    {
        var result = new List<ManifestFileEntry>();
        var node = ManifestErrors.Get(root, "files");
        if (node is null)
        {
            return result;
        }

        if (node is not YamlSequenceNode sequence)
        {
            errors.Add("files", "expected a list of file entries");
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var keyPath = string.Create(CultureInfo.InvariantCulture, $"files[{i}]");
            if (sequence.Children[i] is not YamlMappingNode item)
            {
                errors.Add(keyPath, "expected a mapping with at least 'path'");
                continue;
            }

            if (ReadEntry(item, keyPath, errors) is { } entry)
            {
                if (!seen.Add(entry.Path))
                {
                    errors.Add($"{keyPath}.path", $"'{entry.Path}' is listed more than once");
                    continue;
                }

                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>True for an absolute path without empty, "." or ".." components and without a trailing '/'.</summary>
    public static bool IsNormalisedAbsolute(string path) =>
        path.Length > 1 && path[0] == '/' && !path.EndsWith('/') && !path.Contains('\0', StringComparison.Ordinal)
        && path.Split('/').Skip(1).All(part => part is not ("" or "." or ".."));

    private static ManifestFileEntry? ReadEntry(YamlMappingNode item, string keyPath, ManifestErrors errors)
    {
        errors.CheckKeys(item, keyPath, EntryKeys);
        var before = errors.Count;
        var path = errors.String(item, "path", keyPath, required: true);
        if (path is not null && !IsNormalisedAbsolute(path))
        {
            errors.Add($"{keyPath}.path", $"'{path}' is not an absolute, normalised path");
        }

        var mode = errors.String(item, "mode", keyPath);
        uint? permissions = null;
        if (mode is not null)
        {
            if (ModePattern().IsMatch(mode))
            {
                permissions = Convert.ToUInt32(mode, 8);
            }
            else
            {
                errors.Add($"{keyPath}.mode", $"'{mode}' is not an octal mode (0000-7777)");
            }
        }

        var owner = Name(item, "owner", keyPath, errors);
        var group = Name(item, "group", keyPath, errors);
        var flags = ConfigFlags(item, keyPath, errors);
        flags |= errors.Boolean(item, "doc", keyPath) == true ? RpmFileFlags.Doc : RpmFileFlags.None;
        flags |= errors.Boolean(item, "license", keyPath) == true ? RpmFileFlags.License : RpmFileFlags.None;
        flags |= errors.Boolean(item, "ghost", keyPath) == true ? RpmFileFlags.Ghost : RpmFileFlags.None;
        var directory = errors.Boolean(item, "directory", keyPath) == true;
        var symlink = errors.String(item, "symlink", keyPath);
        var hardlink = errors.String(item, "hardlink", keyPath);
        if (symlink is { Length: 0 })
        {
            errors.Add($"{keyPath}.symlink", "must not be empty");
        }

        if (hardlink is not null && !IsNormalisedAbsolute(hardlink))
        {
            errors.Add($"{keyPath}.hardlink", $"'{hardlink}' is not an absolute, normalised path");
        }

        if ((directory ? 1 : 0) + (symlink is null ? 0 : 1) + (hardlink is null ? 0 : 1) > 1)
        {
            errors.Add(keyPath, "only one of directory, symlink and hardlink may be given");
        }

        if (errors.Count != before || path is null)
        {
            return null;
        }

        return new ManifestFileEntry(keyPath, path)
        {
            Permissions = permissions,
            Owner = owner,
            Group = group,
            Flags = flags,
            Directory = directory,
            Symlink = symlink,
            HardLink = hardlink,
        };
    }

    private static RpmFileFlags ConfigFlags(YamlMappingNode item, string keyPath, ManifestErrors errors)
    {
        switch (errors.String(item, "config", keyPath))
        {
            case null or "false" or "no":
                return RpmFileFlags.None;
            case "true" or "yes":
                return RpmFileFlags.Config;
            case "noreplace":
                return RpmFileFlags.Config | RpmFileFlags.NoReplace;
            case var other:
                errors.Add($"{keyPath}.config", $"'{other}' is not true, false or noreplace");
                return RpmFileFlags.None;
        }
    }

    private static string? Name(YamlMappingNode item, string key, string keyPath, ManifestErrors errors)
    {
        var value = errors.String(item, key, keyPath);
        if (value is not null && !UserNamePattern().IsMatch(value))
        {
            errors.Add($"{keyPath}.{key}", $"'{value}' is not a valid {(key == "owner" ? "user" : "group")} name");
            return null;
        }

        return value;
    }

    [GeneratedRegex("^[0-7]{1,4}$")]
    private static partial Regex ModePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*\$?$")]
    private static partial Regex UserNamePattern();
}
