using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary>Systemd units, os-release fields and the kernel command line.</summary>
public static partial class DefinitionLoader
{
    private static SystemdUnits ReadSystemd(DefinitionReader reader, YamlMappingNode root)
    {
        var node = reader.Mapping(DefinitionReader.Get(root, "systemd"), "systemd");
        if (node is null)
        {
            return new SystemdUnits();
        }

        reader.CheckKeys(node, "systemd", DefinitionKeys.Systemd);
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var action in DefinitionKeys.Systemd)
        {
            var units = new List<string>();
            foreach (var (unit, item, path) in reader.TextItems(node, action, "systemd"))
            {
                if (unit.Length > 255 || !Syntax.UnitName().IsMatch(unit))
                {
                    reader.Errors.Add(path, item, $"'{unit}' is not a systemd unit name (name[@instance].type, e.g. sshd.service; see systemd.unit(5))");
                }
                else if (seen.TryGetValue(unit, out var other))
                {
                    reader.Errors.Add(path, item, $"'{unit}' is also listed in '{other}'");
                }
                else
                {
                    seen[unit] = action;
                    units.Add(unit);
                }
            }

            lists[action] = units;
        }

        return new SystemdUnits { Enable = lists["enable"], Disable = lists["disable"], Mask = lists["mask"] };
    }

    private static SortedDictionary<string, string> ReadOsRelease(DefinitionReader reader, YamlMappingNode root, string? name, string? version)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var node = reader.Mapping(DefinitionReader.Get(root, "os_release"), "os_release");
        if (node is not null)
        {
            // os-release(5): vendors extend the file with fields prefixed by the OS's own name, here the ID.
            var id = DefinitionReader.Get(node, "ID") is YamlScalarNode idNode ? idNode.Value : null;
            var vendorPrefix = id is null ? null : id.ToUpperInvariant().Replace('-', '_').Replace('.', '_') + "_";
            foreach (var (keyNode, valueNode) in node.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                var path = DefinitionReader.Join("os_release", key);
                if (!DefinitionKeys.OsReleaseFields.Contains(key, StringComparer.Ordinal)
                    && !(vendorPrefix is not null && key.StartsWith(vendorPrefix, StringComparison.Ordinal) && Syntax.OsReleaseKey().IsMatch(key)))
                {
                    var hint = vendorPrefix is null ? "set ID to add vendor fields" : $"vendor fields start with '{vendorPrefix}'";
                    reader.Errors.Add(path, keyNode, $"{DefinitionReader.UnknownKey(key, DefinitionKeys.OsReleaseFields)} ({hint})");
                    continue;
                }

                if (reader.Text(valueNode, path) is not { } value)
                {
                    continue;
                }

                if (value.Any(char.IsControl))
                {
                    reader.Errors.Add(path, valueNode, "must be a single line without control characters");
                }
                else if (DefinitionKeys.OsReleaseIdentifiers.Contains(key, StringComparer.Ordinal) && !Syntax.OsReleaseIdentifier().IsMatch(value))
                {
                    reader.Errors.Add(path, valueNode, $"'{value}' may hold only lower-case letters, digits and . _ - (os-release(5))");
                }
                else
                {
                    fields[key] = value;
                }
            }

            MustEqual(reader, node, fields, "IMAGE_ID", name, "name");
            MustEqual(reader, node, fields, "IMAGE_VERSION", version, "version");
        }

        fields.TryAdd("IMAGE_ID", name ?? "");
        fields.TryAdd("IMAGE_VERSION", version ?? "");
        return fields;
    }

    /// <summary>IMAGE_ID and IMAGE_VERSION name this image; a different value would make the artefacts lie about themselves.</summary>
    private static void MustEqual(DefinitionReader reader, YamlMappingNode node, SortedDictionary<string, string> fields, string key, string? expected, string source)
    {
        if (expected is not null && fields.TryGetValue(key, out var value) && value != expected)
        {
            reader.Errors.Add($"os_release.{key}", DefinitionReader.Get(node, key), $"'{value}' differs from {source} '{expected}' (leave it out: it defaults to the {source})");
        }
    }

    private static List<string> ReadKernelCmdline(DefinitionReader reader, YamlMappingNode root)
    {
        var arguments = new List<string>();
        foreach (var (argument, item, path) in reader.TextItems(root, "kernel_cmdline", ""))
        {
            var key = argument.Split('=', 2)[0];
            if (!Syntax.KernelArgument().IsMatch(argument) || argument.Contains('"', StringComparison.Ordinal))
            {
                reader.Errors.Add(path, item, $"'{argument}' is not one kernel argument (printable ASCII, no spaces or quotes; list each argument separately)");
            }
            else if (DefinitionKeys.ReservedKernelArguments.Contains(key, StringComparer.Ordinal))
            {
                reader.Errors.Add(path, item, $"'{key}' is set by Basalt from the usr partition's verity root hash");
            }
            else
            {
                arguments.Add(argument);
            }
        }

        return arguments;
    }
}
