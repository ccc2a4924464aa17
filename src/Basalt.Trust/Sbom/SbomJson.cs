using System.Text.Encodings.Web;
using System.Text.Json;

namespace Basalt.Trust.Sbom;

/// <summary>The JSON conventions both SBOM writers share: UTF-8, two-space indent, '\n' line ends, a final newline.</summary>
internal static class SbomJson
{
    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            // The files are data, never embedded in HTML: keep '+', '<' and non-ASCII license text readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            body(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
