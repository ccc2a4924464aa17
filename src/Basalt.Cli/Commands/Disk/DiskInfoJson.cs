using System.Text.Json;
using Basalt.Imaging.Disk;
using Basalt.Imaging.Gpt;

namespace Basalt.Cli.Commands.Disk;

/// <summary>The <c>disk info --json</c> document: stable property names, GUIDs in lower-case 8-4-4-4-12 form.</summary>
internal static class DiskInfoJson
{
    public static void Write(Stream output, string path, DiskReport report)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("image", path);
            json.WriteString("format", report.Format);
            json.WriteNumber("size", report.SizeBytes);
            json.WriteStartObject("details");
            foreach (var (key, value) in report.FormatDetails)
            {
                json.WriteString(CamelCase(key), value);
            }

            json.WriteEndObject();
            if (report.Gpt is { } gpt)
            {
                WriteGpt(json, gpt, report.Partitions);
            }
            else
            {
                json.WriteNull("gpt");
                json.WritePropertyName("filesystem");
                WriteFileSystem(json, report.WholeDiskFileSystem);
            }

            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    private static void WriteGpt(Utf8JsonWriter json, GptTable gpt, IReadOnlyList<PartitionReport> partitions)
    {
        json.WriteStartObject("gpt");
        json.WriteString("diskGuid", gpt.DiskGuid.ToString());
        json.WriteNumber("sectorSize", GptTable.SectorSize);
        json.WriteNumber("sectors", gpt.DiskSectors);
        json.WriteNumber("firstUsableLba", gpt.FirstUsableLba);
        json.WriteNumber("lastUsableLba", gpt.LastUsableLba);
        json.WriteNumber("entryCount", gpt.EntryCount);
        json.WriteNumber("entrySize", gpt.EntrySize);
        json.WriteStartArray("warnings");
        foreach (var warning in gpt.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("partitions");
        foreach (var item in partitions)
        {
            var p = item.Partition;
            json.WriteStartObject();
            json.WriteNumber("number", p.Number);
            json.WriteString("name", p.Name);
            json.WriteString("type", p.Type.ToString());
            json.WriteString("typeName", item.TypeName);
            json.WriteString("uniqueGuid", p.UniqueId.ToString());
            json.WriteNumber("firstLba", p.FirstLba);
            json.WriteNumber("lastLba", p.LastLba);
            json.WriteNumber("offset", p.OffsetBytes);
            json.WriteNumber("size", p.SizeBytes);
            json.WriteNumber("attributes", p.Attributes);
            json.WriteStartArray("attributeNames");
            foreach (var name in GptAttributes.Describe(p.Attributes, includeAbFields: false))
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteStartObject("abSlot");
            json.WriteNumber("priority", GptAttributes.GetPriority(p.Attributes));
            json.WriteNumber("triesRemaining", GptAttributes.GetTriesRemaining(p.Attributes));
            json.WriteBoolean("successful", GptAttributes.GetSuccessful(p.Attributes));
            json.WriteEndObject();
            json.WritePropertyName("filesystem");
            WriteFileSystem(json, item.FileSystem);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>"cluster size" → "clusterSize": the display names of format details as JSON property names.</summary>
    private static string CamelCase(string key)
    {
        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((w, i) => i == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
    }

    private static void WriteFileSystem(Utf8JsonWriter json, FileSystemSignature? fs)
    {
        if (fs is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteString("type", fs.Type);
        json.WriteString("label", fs.Label);
        json.WriteString("uuid", fs.Uuid);
        json.WriteString("detail", fs.Detail);
        json.WriteEndObject();
    }
}
