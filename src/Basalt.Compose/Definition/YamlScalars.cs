using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary>What a YAML scalar denotes under the YAML 1.2 core schema (section 10.3.2), which is also how it maps to JSON.</summary>
internal enum ScalarKind
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}

/// <summary>
/// Resolves plain scalars by the YAML 1.2 core schema so that the reader and the JSON Schema see the same types:
/// <c>version: 2026.11</c> is a number and must be quoted, <c>mode: 0644</c> is an integer, <c>yes</c> is text.
/// </summary>
internal static partial class YamlScalars
{
    public static ScalarKind Kind(YamlScalarNode node)
    {
        if (node.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return ScalarKind.String;
        }

        var text = node.Value ?? "";
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Boolean,
            _ when IntegerPattern().IsMatch(text) => ScalarKind.Integer,
            _ when FloatPattern().IsMatch(text) => ScalarKind.Float,
            _ => ScalarKind.String,
        };
    }

    public static bool IsNull(YamlNode? node) => node is null || (node is YamlScalarNode scalar && Kind(scalar) == ScalarKind.Null);

    public static string Describe(ScalarKind kind) => kind switch
    {
        ScalarKind.Null => "nothing",
        ScalarKind.Boolean => "a boolean",
        ScalarKind.Integer => "an integer",
        ScalarKind.Float => "a number",
        _ => "text",
    };

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Describe(Kind(scalar)),
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}
