using System.Text.Json;

namespace Basalt.Trust.Provenance;

/// <summary>A JSON element with its path, so every error says which file and which field ("subject[2].digest.sha256").</summary>
internal readonly struct JsonCursor(JsonElement element, string name, string path = "$")
{
    public JsonCursor Object(string property)
    {
        var value = Property(property);
        return value.ValueKind == JsonValueKind.Object
            ? new JsonCursor(value, name, $"{path}.{property}")
            : throw Error($"'{path}.{property}' is not an object");
    }

    public JsonCursor? TryObject(string property)
        => element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? new JsonCursor(value, name, $"{path}.{property}")
            : null;

    public IEnumerable<JsonCursor> Array(string property)
    {
        var value = Property(property);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error($"'{path}.{property}' is not an array");
        }

        var owner = this;
        return value.EnumerateArray().Select((item, index) => item.ValueKind == JsonValueKind.Object
            ? new JsonCursor(item, owner.Name, $"{owner.Path}.{property}[{index}]")
            : throw owner.Error($"'{owner.Path}.{property}[{index}]' is not an object"));
    }

    public string String(string property)
    {
        var value = Property(property);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"'{path}.{property}' is not a string");
    }

    public long? OptionalInt64(string property)
        => !element.TryGetProperty(property, out var value) ? null
            : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0 ? number
            : throw Error($"'{path}.{property}' is not a non-negative integer");

    public void Expect(string property, string expected)
    {
        var actual = String(property);
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw Error($"'{path}.{property}' is '{actual}', expected '{expected}'");
        }
    }

    /// <summary>The required <c>digest.sha256</c> (in-toto digest_set.md), lowercase hex.</summary>
    public string Digest() => OptionalDigest() ?? throw Error($"'{path}.digest.sha256' is missing");

    public string? OptionalDigest()
    {
        if (!element.TryGetProperty("digest", out _))
        {
            return null;
        }

        var digest = Object("digest");
        if (!digest.Element.TryGetProperty("sha256", out _))
        {
            return null;
        }

        var value = digest.String("sha256");
        return Hex.IsSha256(value) ? value : throw Error($"'{path}.digest.sha256' is not 64 lowercase hex digits");
    }

    public InvalidDataException Error(string message) => new($"Provenance '{name}': {message}.");

    private JsonElement Element => element;

    private string Name => name;

    private string Path => path;

    private JsonElement Property(string property)
        => element.TryGetProperty(property, out var value) ? value : throw Error($"'{path}.{property}' is missing");
}
