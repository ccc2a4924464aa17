using System.Text.Json;
using Basalt.Packaging;

namespace Basalt.Rpm.Metadata;

/// <summary>
/// Writes the typed view as JSON for <c>basalt rpm info/files/deps --json</c>. Property names are camelCase and
/// stable; absent values are empty strings (or null for the epoch) so scripts need not test for missing keys.
/// </summary>
public static class RpmPackageInfoJson
{
    public static void WritePackage(Utf8JsonWriter writer, string path, RpmPackageInfo info)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(info);
        writer.WriteStartObject();
        writer.WriteString("path", path);
        writer.WriteString("nevra", info.Nevra.ToString());
        writer.WriteString("name", info.Name);
        if (info.Epoch is { } epoch)
        {
            writer.WriteNumber("epoch", epoch);
        }
        else
        {
            writer.WriteNull("epoch");
        }

        writer.WriteString("version", info.Version);
        writer.WriteString("release", info.Release);
        writer.WriteString("arch", info.Arch);
        writer.WriteBoolean("isSource", info.IsSource);
        writer.WriteString("summary", info.Summary);
        writer.WriteString("description", info.Description);
        writer.WriteString("license", info.License);
        writer.WriteString("group", info.Group);
        writer.WriteString("url", info.Url);
        writer.WriteString("vendor", info.Vendor);
        writer.WriteString("packager", info.Packager);
        writer.WriteString("buildTime", info.BuildTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("buildHost", info.BuildHost);
        writer.WriteNumber("installedSize", info.InstalledSize);
        writer.WriteString("sourceRpm", info.SourceRpm);
        writer.WriteString("payloadFormat", info.PayloadFormat);
        writer.WriteString("payloadCompressor", info.PayloadCompressor);
        writer.WriteString("payloadFlags", info.PayloadFlags);
        writer.WriteString("fileDigestAlgorithm", info.FileDigestAlgorithm.ToString().ToUpperInvariant());
        writer.WriteNumber("fileCount", info.Files.Count);
        WriteDependencySets(writer, info);
        writer.WriteStartArray("scriptlets");
        foreach (var scriptlet in info.Scriptlets)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", scriptlet.Kind.ToString().ToLowerInvariant());
            WriteStrings(writer, "interpreter", scriptlet.Interpreter);
            writer.WriteString("body", scriptlet.Body);
            writer.WriteNumber("flags", (uint)scriptlet.Flags);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("triggers");
        foreach (var trigger in info.Triggers)
        {
            writer.WriteStartObject();
            writer.WriteString("scope", trigger.Scope.ToString().ToLowerInvariant());
            writer.WriteString("kind", trigger.Kind.ToString().ToLowerInvariant());
            WriteDependencies(writer, "conditions", trigger.Conditions);
            writer.WriteString("interpreter", trigger.Interpreter);
            writer.WriteString("body", trigger.Body);
            writer.WriteNumber("priority", trigger.Priority);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>requires, provides, conflicts, obsoletes, recommends, suggests, supplements, enhances.</summary>
    public static void WriteDependencySets(Utf8JsonWriter writer, RpmPackageInfo info)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(info);
        WriteDependencies(writer, "requires", info.Requires);
        WriteDependencies(writer, "provides", info.Provides);
        WriteDependencies(writer, "conflicts", info.Conflicts);
        WriteDependencies(writer, "obsoletes", info.Obsoletes);
        WriteDependencies(writer, "recommends", info.Recommends);
        WriteDependencies(writer, "suggests", info.Suggests);
        WriteDependencies(writer, "supplements", info.Supplements);
        WriteDependencies(writer, "enhances", info.Enhances);
    }

    public static void WriteFile(Utf8JsonWriter writer, RpmFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(file);
        writer.WriteStartObject();
        writer.WriteString("path", file.Path);
        writer.WriteString("type", file.IsDirectory ? "directory" : file.IsSymlink ? "symlink" : file.IsRegular ? "file" : "other");
        writer.WriteString("mode", Convert.ToString(file.Mode, 8));
        writer.WriteString("permissions", file.PermissionString);
        writer.WriteNumber("size", file.Size);
        writer.WriteString("user", file.User);
        writer.WriteString("group", file.Group);
        writer.WriteNumber("mtime", file.MTime);
        writer.WriteString("digest", file.Digest);
        writer.WriteString("linkTarget", file.LinkTarget);
        WriteStrings(writer, "flags", FlagNames(file.Flags));
        writer.WriteNumber("device", file.Device);
        writer.WriteNumber("inode", file.Inode);
        writer.WriteNumber("linkCount", file.LinkCount);
        writer.WriteNumber("rdev", file.Rdev);
        writer.WriteString("language", file.Language);
        writer.WriteString("capabilities", file.Capability);
        writer.WriteEndObject();
    }

    private static string[] FlagNames(RpmFileFlags flags) =>
        [.. Enum.GetValues<RpmFileFlags>().Where(f => f != RpmFileFlags.None && (flags & f) == f).Select(f => f.ToString().ToLowerInvariant())];

    private static void WriteDependencies(Utf8JsonWriter writer, string name, IReadOnlyList<Dependency> dependencies)
    {
        writer.WriteStartArray(name);
        foreach (var dependency in dependencies)
        {
            writer.WriteStartObject();
            writer.WriteString("name", dependency.Name);
            writer.WriteString("operator", dependency.Flags.SenseOperator());
            writer.WriteString("version", dependency.Version);
            writer.WriteNumber("flags", (uint)dependency.Flags);
            writer.WriteString("text", dependency.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
