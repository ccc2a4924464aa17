using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Basalt.Imaging.Oci;

/// <summary>
/// The config, manifest, index and oci-layout documents (image-spec v1.1 config.md, manifest.md,
/// image-index.md, image-layout.md), written compactly with a fixed property order so digests are stable.
/// </summary>
internal static class OciJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static byte[] Config(OciImageOptions options, string diffId)
    {
        return Write(json =>
        {
            json.WriteString("created", Timestamp(options.Created));
            json.WriteString("architecture", options.Architecture);
            json.WriteString("os", options.OperatingSystem);
            json.WriteStartObject("config");
            WriteArray(json, "Env", options.Env);
            WriteArray(json, "Entrypoint", options.Entrypoint);
            WriteArray(json, "Cmd", options.Cmd);
            if (options.WorkingDir is not null)
            {
                json.WriteString("WorkingDir", options.WorkingDir);
            }

            if (options.Labels is { Count: > 0 })
            {
                json.WriteStartObject("Labels");
                foreach (var (key, value) in options.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("rootfs");
            json.WriteString("type", "layers");
            json.WriteStartArray("diff_ids");
            json.WriteStringValue(diffId);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("history");
            json.WriteStartObject();
            json.WriteString("created", Timestamp(options.Created));
            json.WriteString("created_by", options.CreatedBy);
            json.WriteEndObject();
            json.WriteEndArray();
        });
    }

    public static byte[] Manifest(OciImageOptions options, string configDigest, long configSize, string layerMediaType, string layerDigest, long layerSize)
    {
        return Write(json =>
        {
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", OciMediaTypes.ImageManifest);
            WriteDescriptor(json, "config", OciMediaTypes.ImageConfig, configDigest, configSize);
            json.WriteStartArray("layers");
            WriteDescriptor(json, null, layerMediaType, layerDigest, layerSize);
            json.WriteEndArray();
            json.WriteStartObject("annotations");
            json.WriteString(OciMediaTypes.CreatedAnnotation, Timestamp(options.Created));
            json.WriteEndObject();
        });
    }

    public static byte[] Index(OciImageOptions options, string manifestDigest, long manifestSize)
    {
        return Write(json =>
        {
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", OciMediaTypes.ImageIndex);
            json.WriteStartArray("manifests");
            json.WriteStartObject();
            json.WriteString("mediaType", OciMediaTypes.ImageManifest);
            json.WriteString("digest", manifestDigest);
            json.WriteNumber("size", manifestSize);
            json.WriteStartObject("platform");
            json.WriteString("architecture", options.Architecture);
            json.WriteString("os", options.OperatingSystem);
            json.WriteEndObject();
            json.WriteStartObject("annotations");
            json.WriteString(OciMediaTypes.RefNameAnnotation, options.Tag);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        });
    }

    public static byte[] Layout() => Write(json => json.WriteString("imageLayoutVersion", OciMediaTypes.LayoutVersion));

    private static void WriteDescriptor(Utf8JsonWriter json, string? property, string mediaType, string digest, long size)
    {
        if (property is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(property);
        }

        json.WriteString("mediaType", mediaType);
        json.WriteString("digest", digest);
        json.WriteNumber("size", size);
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, string property, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        json.WriteStartArray(property);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
