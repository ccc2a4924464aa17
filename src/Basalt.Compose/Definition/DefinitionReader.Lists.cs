using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary>List values: items with their indexed key paths, text lists with duplicate detection, lists of mappings.</summary>
internal sealed partial class DefinitionReader
{
    /// <summary>The items of a list value with their key paths; reports a non-list. <paramref name="required"/> also rejects an empty list.</summary>
    public List<(YamlNode Node, string Path)> Items(YamlMappingNode mapping, string key, string keyPath, bool required = false)
    {
        var node = Get(mapping, key);
        var path = Join(keyPath, key);
        var result = new List<(YamlNode, string)>();
        if (YamlScalars.IsNull(node))
        {
            if (required)
            {
                Errors.Add(path, node ?? mapping, "is required");
            }

            return result;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Errors.Add(path, node, $"expected a list, found {YamlScalars.Describe(node!)}");
            return result;
        }

        if (required && sequence.Children.Count == 0)
        {
            Errors.Add(path, node, "must list at least one item");
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            result.Add((sequence.Children[i], Index(path, i)));
        }

        return result;
    }

    /// <summary>A list of text items; wrong-typed items are reported and skipped; duplicates are reported.</summary>
    public List<(string Text, YamlNode Node, string Path)> TextItems(YamlMappingNode mapping, string key, string keyPath, bool required = false)
    {
        var result = new List<(string, YamlNode, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, path) in Items(mapping, key, keyPath, required))
        {
            if (Text(node, path) is { } text)
            {
                if (!seen.Add(text))
                {
                    Errors.Add(path, node, $"'{text}' is listed twice");
                    continue;
                }

                result.Add((text, node, path));
            }
        }

        return result;
    }

    /// <summary>The mapping items of a list value; non-mapping items are reported.</summary>
    public List<(YamlMappingNode Node, string Path)> MappingItems(YamlMappingNode mapping, string key, string keyPath)
    {
        var result = new List<(YamlMappingNode, string)>();
        foreach (var (node, path) in Items(mapping, key, keyPath))
        {
            if (Mapping(node, path) is { } item)
            {
                result.Add((item, path));
            }
            else if (YamlScalars.IsNull(node))
            {
                Errors.Add(path, node, "expected a mapping, found nothing");
            }
        }

        return result;
    }
}
