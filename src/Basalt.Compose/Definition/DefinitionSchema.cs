namespace Basalt.Compose.Definition;

/// <summary>The published JSON Schema (draft 2020-12) of image definitions, embedded in the assembly.</summary>
public static class DefinitionSchema
{
    public const string ResourceName = "Basalt.Compose.Definition.image-definition.schema.json";

    private static readonly Lazy<string> Content = new(Read);

    /// <summary>The schema as UTF-8 JSON text, ending with a newline.</summary>
    public static string Text => Content.Value;

    private static string Read()
    {
        using var stream = typeof(DefinitionSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
