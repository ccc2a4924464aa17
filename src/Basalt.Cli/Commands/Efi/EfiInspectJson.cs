using System.Text.Json;

namespace Basalt.Cli.Commands.Efi;

/// <summary>The <c>efi inspect --json</c> document; stable property names, digests in lower-case hex.</summary>
internal static class EfiInspectJson
{
    public static void Write(Stream output, EfiReport report)
    {
        var image = report.Image;
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", report.Path);
            json.WriteString("format", image.IsPe32Plus ? "PE32+" : "PE32");
            json.WriteString("machine", image.MachineName);
            json.WriteNumber("machineCode", image.Machine);
            json.WriteString("subsystem", image.SubsystemName);
            json.WriteNumber("subsystemCode", image.Subsystem);
            json.WriteNumber("sectionAlignment", image.SectionAlignment);
            json.WriteNumber("fileAlignment", image.FileAlignment);
            json.WriteNumber("sizeOfImage", image.SizeOfImage);
            json.WriteStartArray("sections");
            foreach (var section in image.Sections)
            {
                json.WriteStartObject();
                json.WriteString("name", section.Name);
                json.WriteNumber("virtualAddress", section.VirtualAddress);
                json.WriteNumber("virtualSize", section.VirtualSize);
                json.WriteNumber("pointerToRawData", section.PointerToRawData);
                json.WriteNumber("sizeOfRawData", section.SizeOfRawData);
                json.WriteNumber("characteristics", section.Characteristics);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("uki");
            foreach (var name in EfiReport.TextSections)
            {
                json.WriteString(name.TrimStart('.'), report.Text(name));
            }

            json.WriteEndObject();
            json.WriteString("authenticodeSha256", Convert.ToHexStringLower(report.Sha256));
            WriteSignature(json, report);
            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    private static void WriteSignature(Utf8JsonWriter json, EfiReport report)
    {
        if (report.Signature is not { } signature)
        {
            json.WriteNull("signature");
            return;
        }

        json.WriteStartObject("signature");
        json.WriteString("digestAlgorithm", signature.DigestAlgorithm?.Name ?? signature.DigestAlgorithmOid);
        json.WriteString("digest", Convert.ToHexStringLower(signature.Digest));
        json.WriteString("signer", signature.SignerSubject);
        json.WriteBoolean("digestMatchesImage", signature.DigestMatchesImage);
        json.WriteBoolean("signatureValid", signature.SignatureIsValid);
        json.WriteEndObject();
    }
}
