using System.Globalization;

namespace Basalt.Compose.Definition;

/// <summary>One problem in an image definition: the key path it concerns, where it is in the YAML (1-based), and what is wrong.</summary>
public sealed record DefinitionError(string KeyPath, long? Line, long? Column, string Message)
{
    public override string ToString() => Line is { } line && Column is { } column
        ? string.Create(CultureInfo.InvariantCulture, $"{KeyPath} (line {line}, column {column}): {Message}")
        : $"{KeyPath}: {Message}";
}
