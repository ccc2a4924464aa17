namespace Basalt.Compose.Definition;

/// <summary>The YAML spellings of the definition's enumerations, for messages and file names.</summary>
public static class DefinitionNames
{
    public static string Of(ImageArch arch) => DefinitionKeys.Arches.First(pair => pair.Value == arch).Key;

    public static string Of(OutputFormat format) => DefinitionKeys.Outputs.First(pair => pair.Value == format).Key;
}
