using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Basalt.Rpm.Manifest;

/// <summary>
/// Collects validation errors, each prefixed with its key path, and reads typed values from YAML nodes while
/// reporting (rather than throwing on) wrong types, so that one pass finds every problem.
/// </summary>
internal sealed class ManifestErrors
{
    private readonly List<string> _errors = [];

    public int Count => _errors.Count;

    public void Add(string keyPath, string message) => _errors.Add($"{keyPath}: {message}");

    public void ThrowIfAny(string source)
    {
        if (_errors.Count > 0)
        {
            throw new ManifestException(source, _errors.ToArray());
        }
    }

    /// <summary>Reports keys of <paramref name="mapping"/> that are not in <paramref name="known"/>.</summary>
    public void CheckKeys(YamlMappingNode mapping, string keyPath, IReadOnlyCollection<string> known)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
            if (!known.Contains(name))
            {
                Add(Join(keyPath, name), $"unknown key (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public static string Join(string keyPath, string key) => keyPath.Length == 0 ? key : $"{keyPath}.{key}";

    public static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A scalar as text; null when absent or YAML null; reports a non-scalar.</summary>
    public string? String(YamlMappingNode mapping, string key, string keyPath, bool required = false)
    {
        var node = Get(mapping, key);
        var path = Join(keyPath, key);
        if (node is null || IsNull(node))
        {
            if (required)
            {
                Add(path, "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Add(path, "expected a text value");
            return null;
        }

        var value = scalar.Value ?? "";
        if (required && value.Trim().Length == 0)
        {
            Add(path, "must not be empty");
            return null;
        }

        return value;
    }

    public bool? Boolean(YamlMappingNode mapping, string key, string keyPath)
    {
        var text = String(mapping, key, keyPath);
        switch (text)
        {
            case null:
                return null;
            case "true" or "yes":
                return true;
            case "false" or "no":
                return false;
            default:
                Add(Join(keyPath, key), $"'{text}' is not true or false");
                return null;
        }
    }

    /// <summary>A sequence of scalars with each element's key path; reports a non-sequence. A non-scalar element has a null text.</summary>
    public List<(string? Text, string KeyPath)> StringList(YamlMappingNode mapping, string key, string keyPath)
    {
        var result = new List<(string?, string)>();
        var node = Get(mapping, key);
        var path = Join(keyPath, key);
        if (node is null || IsNull(node))
        {
            return result;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Add(path, "expected a list");
            return result;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            var isText = sequence.Children[i] is YamlScalarNode { Value: not null } && !IsNull(sequence.Children[i]);
            result.Add((isText ? ((YamlScalarNode)sequence.Children[i]).Value : null, itemPath));
        }

        return result;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar && scalar.Value is null or "" or "~" or "null";
}
