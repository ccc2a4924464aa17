using System.Text.Json;

namespace Basalt.Trust.Sbom;

/// <summary>
/// Typed access to a parsed SBOM that fails with <see cref="InvalidDataException"/> naming the file and the JSON path
/// ("'image.spdx.json': '$.packages[3].checksums' …").
/// </summary>
internal sealed class SbomJsonReader(string name)
{
    /// <summary>SBOMs of real images are a few MB; refuse anything absurd before parsing.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public string Name { get; } = name;

    public JsonDocument Parse(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = json.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new InvalidDataException($"'{Name}' is larger than {MaxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"'{Name}' is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", ex);
        }
    }

    public InvalidDataException Error(string path, string problem) => new($"'{Name}': '{path}' {problem}.");

    public JsonElement Object(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Error(path, "must be an object");

    public JsonElement Property(JsonElement parent, string property, string path)
    {
        Object(parent, path);
        return parent.TryGetProperty(property, out var value) ? value : throw Error(path + "." + property, "is missing");
    }

    public string String(JsonElement parent, string property, string path)
    {
        var value = Property(parent, property, path);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(path + "." + property, "must be a string");
    }

    /// <summary>The items of an array property; an absent property is an empty list when <paramref name="optional"/>.</summary>
    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement parent, string property, string path, bool optional = false)
    {
        Object(parent, path);
        var itemPath = path + "." + property;
        if (!parent.TryGetProperty(property, out var value))
        {
            return optional ? [] : throw Error(itemPath, "is missing");
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(itemPath, "must be an array");
        }

        return value.EnumerateArray().Select((item, i) => (item, $"{itemPath}[{i}]")).ToList();
    }

    public void Expect(JsonElement root, string property, string expected)
    {
        var actual = String(root, property, "$");
        if (actual != expected)
        {
            throw Error("$." + property, $"is '{actual}', expected '{expected}'");
        }
    }

    /// <summary>A lowercase hex SHA-256 of 64 digits, or an error naming where it was.</summary>
    public string Sha256(string value, string path) =>
        value.Length == 64 && value.All(char.IsAsciiHexDigitLower) ? value : throw Error(path, $"is not a SHA-256 digest ('{value}')");
}
