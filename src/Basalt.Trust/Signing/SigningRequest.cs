using System.Text.Json;
using System.Text.Json.Serialization;

namespace Basalt.Trust.Signing;

/// <summary>
/// One message an external signer (HSM, cloud KMS) must sign with the key <paramref name="KeyId"/>. The message is
/// the exact byte string to sign (for DSSE: the PAE, not the payload), so the external tool needs no DSSE knowledge.
/// As JSON: <c>{"keyId": "…", "purpose": "provenance", "message": "BASE64"}</c> (standard base64).
/// </summary>
/// <param name="Purpose">What the signature is for ("provenance", "SHA256SUMS"): also the file name stem in a
/// request folder, so it is limited to letters, digits, '.', '_' and '-'.</param>
public sealed record SigningRequest(
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("purpose")] string Purpose,
    [property: JsonPropertyName("message")] byte[] Message)
{
    /// <summary>The request for a DSSE envelope: the message is PAE(payloadType, payload).</summary>
    public static SigningRequest ForDsse(string keyId, string purpose, string payloadType, ReadOnlySpan<byte> payload)
        => new(keyId, purpose, Dsse.DsseEnvelope.Pae(payloadType, payload));

    public byte[] ToJson()
    {
        DetachedSigning.CheckPurpose(Purpose);
        return JsonSerializer.SerializeToUtf8Bytes(this, SigningJsonContext.Default.SigningRequest);
    }

    public static SigningRequest Parse(ReadOnlySpan<byte> json, string name)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            throw new InvalidDataException($"Signing request '{name}' is not UTF-8.");
        }

        SigningRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(json, SigningJsonContext.Default.SigningRequest);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Signing request '{name}' is not valid: {exception.Message}", exception);
        }

        if (request is null || string.IsNullOrEmpty(request.KeyId) || request.Message is null)
        {
            throw new InvalidDataException($"Signing request '{name}' lacks 'keyId', 'purpose' or 'message'.");
        }

        DetachedSigning.CheckPurpose(request.Purpose, name);
        return request;
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, NewLine = "\n", RespectRequiredConstructorParameters = true, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(SigningRequest))]
internal sealed partial class SigningJsonContext : JsonSerializerContext;
