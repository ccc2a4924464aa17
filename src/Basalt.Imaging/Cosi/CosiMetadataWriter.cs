using System.Text.Encodings.Web;
using System.Text.Json;

namespace Basalt.Imaging.Cosi;

/// <summary>
/// Serialises <see cref="CosiMetadata"/> as <c>metadata.json</c>: properties in the order of the spec's tables,
/// two-space indentation, "\n" line ends, no other fields (the spec says writers SHOULD NOT add any).
/// </summary>
internal static class CosiMetadataWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
    };

    public static byte[] Write(CosiMetadata metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("version", metadata.Version);
            json.WriteString("osArch", metadata.OsArch);
            json.WriteString("osRelease", metadata.OsRelease);
            json.WriteStartArray("images");
            foreach (var fs in metadata.Images)
            {
                json.WriteStartObject();
                WriteImage(json, fs.Image);
                json.WriteString("mountPoint", fs.MountPoint);
                json.WriteString("fsType", fs.FsType);
                json.WriteString("fsUuid", fs.FsUuid);
                json.WriteString("partType", fs.PartType.ToString("D"));
                if (fs.Verity is null)
                {
                    json.WriteNull("verity");
                }
                else
                {
                    json.WriteStartObject("verity");
                    WriteImage(json, fs.Verity.Image);
                    json.WriteString("roothash", fs.Verity.RootHash);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteDisk(json, metadata.Disk);
            json.WriteStartArray("osPackages");
            foreach (var package in metadata.Packages)
            {
                json.WriteStartObject();
                json.WriteString("name", package.Name);
                json.WriteString("version", package.Version);
                json.WriteString("release", package.Release);
                json.WriteString("arch", package.Arch);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteBootloader(json, metadata.Bootloader);
            if (metadata.Id is { } id)
            {
                json.WriteString("id", id.ToString("D"));
            }

            json.WriteStartObject("compression");
            json.WriteNumber("maxWindowLog", metadata.MaxWindowLog);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteDisk(Utf8JsonWriter json, CosiDisk disk)
    {
        json.WriteStartObject("disk");
        json.WriteNumber("size", disk.Size);
        json.WriteString("type", disk.Type);
        json.WriteNumber("lbaSize", disk.LbaSize);
        json.WriteStartArray("gptRegions");
        foreach (var region in disk.GptRegions)
        {
            json.WriteStartObject();
            WriteImage(json, region.Image);
            json.WriteString("type", region.Type);
            if (region.Number is { } number)
            {
                json.WriteNumber("number", number);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteBootloader(Utf8JsonWriter json, CosiBootloader bootloader)
    {
        json.WriteStartObject("bootloader");
        json.WriteString("type", bootloader.Type);
        if (bootloader.SystemdBootEntries is { } entries)
        {
            json.WriteStartObject("systemdBoot");
            json.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("type", entry.Type);
                json.WriteString("path", entry.Path);
                json.WriteString("cmdline", entry.Cmdline);
                json.WriteString("kernel", entry.Kernel);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteImage(Utf8JsonWriter json, CosiImageFile image)
    {
        json.WriteStartObject("image");
        json.WriteString("path", image.Path);
        json.WriteNumber("compressedSize", image.CompressedSize);
        json.WriteNumber("uncompressedSize", image.UncompressedSize);
        json.WriteString("sha384", image.Sha384);
        json.WriteEndObject();
    }
}
