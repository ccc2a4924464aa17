using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary>
/// Reads typed values from YAML nodes, reporting (never throwing on) missing keys, wrong types and unknown keys,
/// so one pass over a definition finds every problem. Absent and null values read as null.
/// </summary>
internal sealed partial class DefinitionReader(DefinitionErrors errors)
{
    public DefinitionErrors Errors { get; } = errors;

    public static string Join(string keyPath, string key) => keyPath.Length == 0 ? key : $"{keyPath}.{key}";

    public static string Index(string keyPath, int index) => string.Create(CultureInfo.InvariantCulture, $"{keyPath}[{index}]");

    public static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Reports every key of <paramref name="mapping"/> not in <paramref name="known"/>, suggesting the closest known key.</summary>
    public void CheckKeys(YamlMappingNode mapping, string keyPath, IReadOnlyCollection<string> known)
    {
        foreach (var keyNode in mapping.Children.Keys)
        {
            var key = keyNode is YamlScalarNode scalar ? scalar.Value ?? "" : keyNode.ToString();
            if (!known.Contains(key))
            {
                Errors.Add(Join(keyPath, key), keyNode, UnknownKey(key, known));
            }
        }
    }

    public static string UnknownKey(string key, IReadOnlyCollection<string> known) =>
        KeySuggestion.Closest(key, known) is { } suggestion
            ? $"unknown key '{key}'; did you mean '{suggestion}'?"
            : $"unknown key '{key}'; expected one of: {string.Join(", ", known)}";

    /// <summary>A mapping value; reports anything else. <paramref name="parent"/> positions a "required" error.</summary>
    public YamlMappingNode? Mapping(YamlNode? node, string keyPath, YamlNode? parent = null, bool required = false)
    {
        if (YamlScalars.IsNull(node))
        {
            if (required)
            {
                Errors.Add(keyPath, node ?? parent, "is required");
            }

            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Errors.Add(keyPath, node, $"expected a mapping, found {YamlScalars.Describe(node!)}");
        return null;
    }

    /// <summary>A text scalar. A plain scalar that YAML reads as a number or boolean is reported: quote it.</summary>
    public string? Text(YamlMappingNode mapping, string key, string keyPath, bool required = false)
    {
        var node = Get(mapping, key);
        var path = Join(keyPath, key);
        if (YamlScalars.IsNull(node))
        {
            if (required)
            {
                Errors.Add(path, node ?? mapping, "is required");
            }

            return null;
        }

        return Text(node!, path);
    }

    public string? Text(YamlNode node, string path)
    {
        if (node is not YamlScalarNode scalar || YamlScalars.Kind(scalar) is not ScalarKind.String)
        {
            var hint = node is YamlScalarNode s ? $" (quote it: \"{s.Value}\")" : "";
            Errors.Add(path, node, $"expected text, found {YamlScalars.Describe(node)}{hint}");
            return null;
        }

        var value = scalar.Value ?? "";
        if (value.Length == 0)
        {
            Errors.Add(path, node, "must not be empty");
            return null;
        }

        return value;
    }

    public long? Integer(YamlMappingNode mapping, string key, string keyPath, long min, long max)
    {
        var node = Get(mapping, key);
        var path = Join(keyPath, key);
        if (YamlScalars.IsNull(node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar || YamlScalars.Kind(scalar) is not ScalarKind.Integer
            || !long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Errors.Add(path, node, $"expected a whole number, found {YamlScalars.Describe(node!)}");
            return null;
        }

        if (value < min || value > max)
        {
            Errors.Add(path, node, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range ({min} to {max})"));
            return null;
        }

        return value;
    }

    public bool? Boolean(YamlMappingNode mapping, string key, string keyPath)
    {
        var node = Get(mapping, key);
        if (YamlScalars.IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar && YamlScalars.Kind(scalar) is ScalarKind.Boolean)
        {
            return scalar.Value!.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        Errors.Add(Join(keyPath, key), node, $"expected true or false, found {YamlScalars.Describe(node!)}");
        return null;
    }
}
