using System.Text.Encodings.Web;
using System.Text.Json;

namespace Basalt.Trust.Dsse;

public sealed partial record DsseEnvelope
{
    /// <summary>Envelopes carry a statement about an image, not the image; larger input is refused before parsing.</summary>
    public const int MaxJsonBytes = 64 * 1024 * 1024;

    /// <summary>Keeps "application/vnd.in-toto+json" readable: the default encoder escapes '+' for HTML embedding.</summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The JSON envelope (envelope.md, "Standard JSON envelope"), keys in a fixed order, standard base64 with
    /// padding, <c>keyid</c> omitted when null, no trailing newline: the same envelope always gives the same bytes.
    /// </summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("payloadType", PayloadType);
            writer.WriteBase64String("payload", Payload);
            writer.WriteStartArray("signatures");
            foreach (var signature in Signatures)
            {
                writer.WriteStartObject();
                if (signature.KeyId is not null)
                {
                    writer.WriteString("keyid", signature.KeyId);
                }

                writer.WriteBase64String("sig", signature.Signature);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a JSON envelope per envelope.md "Parsing rules": payload, payloadType, signatures and each sig are
    /// required (possibly empty), keyid is optional (unset equals empty, so an empty keyid reads as null), unknown
    /// fields are ignored; base64 may be standard or URL-safe (protocol.md). Duplicate keys are refused: two
    /// payloads would let a reader and a verifier see different bytes. <paramref name="name"/> is named in errors.
    /// </summary>
    public static DsseEnvelope Parse(ReadOnlySpan<byte> json, string name)
    {
        if (json.Length > MaxJsonBytes)
        {
            throw new InvalidDataException($"DSSE envelope '{name}' is {json.Length} bytes; the limit is {MaxJsonBytes}.");
        }

        // JsonDocument checks structure, not the UTF-8 inside strings; GetString would throw a non-data error later.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            throw new InvalidDataException($"DSSE envelope '{name}' is not UTF-8.");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new InvalidDataException($"DSSE envelope '{name}' has data after the JSON object.");
            }
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"DSSE envelope '{name}' is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"DSSE envelope '{name}' is not a JSON object.");
            }

            RejectDuplicates(root, name, "envelope");
            var payloadType = RequiredString(root, "payloadType", name);
            var payload = DsseBase64.Decode(RequiredString(root, "payload", name), name, "payload");
            if (!root.TryGetProperty("signatures", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"DSSE envelope '{name}' has no 'signatures' array.");
            }

            var signatures = new List<DsseSignature>();
            foreach (var item in array.EnumerateArray())
            {
                var where = $"signatures[{signatures.Count}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"DSSE envelope '{name}': '{where}' is not an object.");
                }

                RejectDuplicates(item, name, where);
                var sig = DsseBase64.Decode(RequiredString(item, "sig", name, where), name, where + ".sig");
                string? keyId = null;
                if (item.TryGetProperty("keyid", out var keyIdElement) && keyIdElement.ValueKind != JsonValueKind.Null)
                {
                    keyId = keyIdElement.ValueKind == JsonValueKind.String
                        ? keyIdElement.GetString()
                        : throw new InvalidDataException($"DSSE envelope '{name}': '{where}.keyid' is not a string.");
                }

                signatures.Add(new DsseSignature(string.IsNullOrEmpty(keyId) ? null : keyId, sig));
            }

            return new DsseEnvelope(payloadType, payload, signatures);
        }
    }

    /// <summary>
    /// <see cref="Parse"/>, and then the bytes must be exactly what <see cref="ToJson"/> writes for the result. The
    /// DSSE rules let a reader ignore unknown fields, rename nothing-fields and pick a base64 alphabet, so edits to a
    /// file can leave the signed content intact; a verifier of Basalt's own output uses this to notice any edit.
    /// </summary>
    public static DsseEnvelope ParseCanonical(ReadOnlySpan<byte> json, string name)
    {
        var envelope = Parse(json, name);
        return json.SequenceEqual(envelope.ToJson())
            ? envelope
            : throw new InvalidDataException($"DSSE envelope '{name}' is not in the form Basalt writes (edited after signing?).");
    }

    private static string RequiredString(JsonElement element, string property, string name, string? where = null)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            var path = where is null ? property : $"{where}.{property}";
            throw new InvalidDataException($"DSSE envelope '{name}' has no string '{path}'.");
        }

        return value.GetString()!;
    }

    private static void RejectDuplicates(JsonElement element, string name, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new InvalidDataException($"DSSE envelope '{name}': '{where}' has the key '{property.Name}' twice.");
            }
        }
    }
}
