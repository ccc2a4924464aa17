using System.Globalization;
using System.Text.Json;

namespace Basalt.Trust.Sbom;

/// <summary>
/// Writes an image's CycloneDX 1.6 JSON BOM. metadata.component is the image (type operating-system); components are
/// the installed RPMs (type library, bom-ref = purl, as Red Hat's RPM BOMs do) by NEVRA, each with its source RPM as a
/// pedigree ancestor, followed by the artefacts (type file) by name; dependencies list the image's packages and each
/// package's resolved requirements.
/// </summary>
public static partial class CycloneDxWriter
{
    internal const string NevraProperty = "basalt:rpm:nevra";

    internal const string RepositoryProperty = "basalt:rpm:repository";

    internal const string BytesProperty = "basalt:artifact:bytes";

    internal const string ArtifactRefPrefix = "artifact:";

    public static byte[] Write(BuildRecord build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var model = new SbomModel(build);
        var purls = model.Packages.ToDictionary(p => p.Nevra, p => PackageUrl.ForRpm(p, build), StringComparer.Ordinal);
        var imageRef = "image:" + build.ImageName + "@" + build.ImageVersion;
        return SbomJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("bomFormat", "CycloneDX");
            w.WriteString("specVersion", "1.6");
            w.WriteString("serialNumber", SerialNumber(build));
            w.WriteNumber("version", 1);
            w.WriteStartObject("metadata");
            w.WriteString("timestamp", SbomIdentity.Created(build));
            w.WriteStartObject("tools");
            w.WriteStartArray("components");
            w.WriteStartObject();
            w.WriteString("type", "application");
            w.WriteString("name", "basalt");
            w.WriteString("version", build.BasaltVersion);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("component");
            w.WriteString("type", "operating-system");
            w.WriteString("bom-ref", imageRef);
            w.WriteString("name", build.ImageName);
            w.WriteString("version", build.ImageVersion);
            w.WriteString("description", $"{build.DistroName} image for {build.Arch}");
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("components");
            foreach (var package in model.Packages)
            {
                WritePackage(w, build, model, package, purls[package.Nevra]);
            }

            foreach (var artifact in model.Artifacts)
            {
                WriteArtifact(w, artifact);
            }

            w.WriteEndArray();

            w.WriteStartArray("dependencies");
            WriteDependency(w, imageRef, model.Packages.Select(p => purls[p.Nevra]));
            foreach (var package in model.Packages)
            {
                var required = package.Requires.Where(r => r != package.Nevra).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                WriteDependency(w, purls[package.Nevra], required.Select(r => purls[r]));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>urn:uuid: with the version-5 UUID derived from the record.</summary>
    public static string SerialNumber(BuildRecord build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return "urn:uuid:" + SbomIdentity.Uuid(build, "cyclonedx");
    }

    private static void WriteArtifact(Utf8JsonWriter w, BuildArtifact artifact)
    {
        w.WriteStartObject();
        w.WriteString("type", "file");
        w.WriteString("bom-ref", ArtifactRefPrefix + artifact.Name);
        w.WriteString("name", artifact.Name);
        WriteSha256(w, artifact.Sha256);
        w.WriteStartArray("properties");
        WriteProperty(w, BytesProperty, artifact.Bytes.ToString(CultureInfo.InvariantCulture));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSha256(Utf8JsonWriter w, string sha256)
    {
        w.WriteStartArray("hashes");
        w.WriteStartObject();
        w.WriteString("alg", "SHA-256");
        w.WriteString("content", sha256);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteProperty(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    private static void WriteDependency(Utf8JsonWriter w, string reference, IEnumerable<string> dependsOn)
    {
        w.WriteStartObject();
        w.WriteString("ref", reference);
        w.WriteStartArray("dependsOn");
        foreach (var target in dependsOn)
        {
            w.WriteStringValue(target);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
