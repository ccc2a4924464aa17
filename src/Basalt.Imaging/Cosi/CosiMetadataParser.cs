using System.Globalization;
using System.Text.Json;

namespace Basalt.Imaging.Cosi;

/// <summary>
/// Parses <c>metadata.json</c> and checks the schema (spec section "Schema"): required fields and their types
/// for version 1.2, enum values, and the conditional fields. Unknown fields are ignored, as readers MUST.
/// Each error names the file and the JSON path, e.g. <c>'disk.gptRegions[1].number'</c>.
/// </summary>
internal static class CosiMetadataParser
{
    public static CosiMetadata Parse(ReadOnlySpan<byte> json, string file)
    {
        // JsonDocument checks UTF-8 only when a string is read, and then throws InvalidOperationException.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            throw new InvalidDataException($"COSI '{file}': metadata.json is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"COSI '{file}': metadata.json is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var p = new Reader(file);
            var root = p.Object(document.RootElement, "");
            var version = p.String(root, "version");
            var parts = version.Split('.');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            {
                throw p.Error("version", $"'{version}' is not MAJOR.MINOR");
            }

            if (major != 1 || minor < 2)
            {
                throw p.Error("version", $"'{version}' is not supported; this reader validates COSI 1.2 and later 1.x");
            }

            var osArch = p.String(root, "osArch");
            if (!CosiWriter.OsArchitectures.Contains(osArch, StringComparer.OrdinalIgnoreCase))
            {
                throw p.Error("osArch", $"'{osArch}' is not one of {string.Join(", ", CosiWriter.OsArchitectures)}");
            }

            var images = p.Array(root, "images").Select((e, i) => FileSystem(p, e, $"images[{i}]")).ToList();
            var disk = Disk(p, p.Property(root, "disk"), "disk");
            var packages = p.Array(root, "osPackages").Select((e, i) => Package(p, e, $"osPackages[{i}]")).ToList();
            var bootloader = Bootloader(p, p.Property(root, "bootloader"), "bootloader");
            Guid? id = null;
            if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
            {
                id = Guid.TryParse(p.String(root, "id"), out var parsed) ? parsed : throw p.Error("id", "is not a UUID");
            }

            var compression = p.Object(p.Property(root, "compression"), "compression");
            var maxWindowLog = (int)p.Number(compression, "maxWindowLog", "compression.", 10, 31);
            return new CosiMetadata(version, osArch, p.String(root, "osRelease"), images, disk, packages, bootloader, id, maxWindowLog);
        }
    }

    private static CosiFileSystemEntry FileSystem(Reader p, JsonElement element, string path)
    {
        var fs = p.Object(element, path);
        var partType = p.String(fs, "partType", path + ".");
        var verity = fs.TryGetProperty("verity", out var v) && v.ValueKind != JsonValueKind.Null
            ? new CosiVerityEntry(Image(p, p.Property(p.Object(v, path + ".verity"), "image", path + ".verity."), path + ".verity.image"), p.String(v, "roothash", path + ".verity."))
            : null;
        return new CosiFileSystemEntry(
            Image(p, p.Property(fs, "image", path + "."), path + ".image"),
            p.String(fs, "mountPoint", path + "."),
            p.String(fs, "fsType", path + "."),
            p.String(fs, "fsUuid", path + "."),
            Guid.TryParse(partType, out var type) ? type : throw p.Error(path + ".partType", $"'{partType}' is not a UUID"),
            verity);
    }

    private static CosiImageFile Image(Reader p, JsonElement element, string path)
    {
        var image = p.Object(element, path);
        var prefix = path + ".";
        var sha = p.String(image, "sha384", prefix);
        if (sha.Length != 96 || !sha.All(Uri.IsHexDigit))
        {
            throw p.Error(prefix + "sha384", $"'{sha}' is not 96 hexadecimal digits");
        }

        return new CosiImageFile(
            p.String(image, "path", prefix),
            p.Number(image, "compressedSize", prefix, 0, long.MaxValue),
            p.Number(image, "uncompressedSize", prefix, 0, long.MaxValue),
            sha.ToLowerInvariant());
    }

    private static CosiDisk Disk(Reader p, JsonElement element, string path)
    {
        var disk = p.Object(element, path);
        var type = p.String(disk, "type", "disk.");
        if (type != "gpt")
        {
            throw p.Error("disk.type", $"'{type}' is not 'gpt'");
        }

        var size = p.Number(disk, "size", "disk.", 1, long.MaxValue);
        var lbaSize = (int)p.Number(disk, "lbaSize", "disk.", 512, 65536);
        if (size % lbaSize != 0)
        {
            throw p.Error("disk.size", $"{size} is not a multiple of lbaSize {lbaSize}");
        }

        var regions = p.Array(disk, "gptRegions", "disk.").Select((e, i) =>
        {
            var at = $"disk.gptRegions[{i}]";
            var region = p.Object(e, at);
            var regionType = p.String(region, "type", at + ".");
            int? number = regionType switch
            {
                CosiRegion.Partition => (int)p.Number(region, "number", at + ".", 1, 1 << 20),
                CosiRegion.PrimaryGpt => null,
                _ => throw p.Error(at + ".type", $"'{regionType}' is not 'primary-gpt' or 'partition'"),
            };
            return new CosiRegion(Image(p, p.Property(region, "image", at + "."), at + ".image"), regionType, number);
        }).ToList();
        return new CosiDisk(size, type, lbaSize, regions);
    }

    private static CosiPackage Package(Reader p, JsonElement element, string path)
    {
        var package = p.Object(element, path);
        var prefix = path + ".";
        return new CosiPackage(p.String(package, "name", prefix), p.String(package, "version", prefix), p.String(package, "release", prefix), p.String(package, "arch", prefix));
    }

    private static CosiBootloader Bootloader(Reader p, JsonElement element, string path)
    {
        var bootloader = p.Object(element, path);
        var type = p.String(bootloader, "type", "bootloader.");
        List<CosiBootEntry>? entries = null;
        if (bootloader.TryGetProperty("systemdBoot", out var sdb) && sdb.ValueKind != JsonValueKind.Null)
        {
            entries = p.Array(p.Object(sdb, "bootloader.systemdBoot"), "entries", "bootloader.systemdBoot.").Select((e, i) =>
            {
                var at = $"bootloader.systemdBoot.entries[{i}].";
                var entry = p.Object(e, at.TrimEnd('.'));
                return new CosiBootEntry(p.String(entry, "type", at), p.String(entry, "path", at), p.String(entry, "cmdline", at), p.String(entry, "kernel", at));
            }).ToList();
        }

        var result = new CosiBootloader(type, entries);
        var errors = new List<string>();
        CosiWriter.ValidateBootloader(result, errors);
        return errors.Count == 0 ? result : throw p.Error("bootloader", errors[0]);
    }

    /// <summary>Typed access to JSON properties whose errors name the file and path.</summary>
    private sealed class Reader(string file)
    {
        public InvalidDataException Error(string path, string problem) => new($"COSI '{file}': metadata.json '{path}' {problem}.");

        public JsonElement Object(JsonElement element, string path)
            => element.ValueKind == JsonValueKind.Object ? element : throw Error(path.Length == 0 ? "(root)" : path, "is not an object");

        public JsonElement Property(JsonElement element, string name, string prefix = "")
            => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : throw Error(prefix + name, "is missing");

        public string String(JsonElement element, string name, string prefix = "")
        {
            var value = Property(element, name, prefix);
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(prefix + name, "is not a string");
        }

        public long Number(JsonElement element, string name, string prefix, long min, long max)
        {
            var value = Property(element, name, prefix);
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            {
                throw Error(prefix + name, "is not an integer");
            }

            return number >= min && number <= max ? number : throw Error(prefix + name, $"is {number}, outside {min} to {max}");
        }

        public List<JsonElement> Array(JsonElement element, string name, string prefix = "")
        {
            var value = Property(element, name, prefix);
            return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : throw Error(prefix + name, "is not an array");
        }
    }
}
