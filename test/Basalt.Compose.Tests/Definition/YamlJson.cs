using System.Globalization;
using System.Text.Json.Nodes;
using Basalt.Compose.Definition;
using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Tests.Definition;

/// <summary>Converts a YAML document to JSON by the YAML 1.2 core schema, the way JSON Schema tools see a YAML file.</summary>
internal static class YamlJson
{
    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, Convert(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => YamlScalars.Kind(scalar) switch
        {
            ScalarKind.Null => null,
            ScalarKind.Boolean => JsonValue.Create(scalar.Value!.Equals("true", StringComparison.OrdinalIgnoreCase)),
            ScalarKind.Integer => JsonValue.Create(long.Parse(scalar.Value!, CultureInfo.InvariantCulture)),
            ScalarKind.Float => JsonValue.Create(double.Parse(scalar.Value!, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(scalar.Value ?? ""),
        },
        _ => throw new InvalidDataException($"Unsupported YAML node at line {node.Start.Line}."),
    };
}
