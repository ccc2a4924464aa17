using System.Globalization;
using System.Text.Json;

namespace Basalt.Trust.Sbom;

/// <summary>
/// Writes an image's SPDX 2.3 JSON document. Structure (following Red Hat's image and RPM SBOM examples):
/// the document DESCRIBES the image package; the image CONTAINS every installed RPM and every artefact file;
/// each RPM is GENERATED_FROM its source RPM package and DEPENDS_ON the packages its requirements resolved to.
/// Non-SPDX License tags are LicenseRefs declared in hasExtractedLicensingInfos.
/// </summary>
public static class SpdxWriter
{
    public const string NamespacePrefix = "https://basalt.example/spdx/";

    /// <summary>Annotation comment prefixes the reader relies on (RPM NEVRA, artefact size).</summary>
    internal const string NevraAnnotation = "basalt:nevra=";

    internal const string SizeAnnotation = "basalt:bytes=";

    public static byte[] Write(BuildRecord build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var model = new SbomModel(build);
        var created = SbomIdentity.Created(build);
        var tool = "Tool: " + SbomIdentity.ToolName(build);
        return SbomJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("spdxVersion", "SPDX-2.3");
            w.WriteString("dataLicense", "CC0-1.0");
            w.WriteString("SPDXID", "SPDXRef-DOCUMENT");
            w.WriteString("name", build.ImageName + "-" + build.ImageVersion);
            w.WriteString("documentNamespace", DocumentNamespace(build));
            w.WriteStartObject("creationInfo");
            w.WriteString("created", created);
            w.WriteStartArray("creators");
            w.WriteStringValue(tool);
            w.WriteEndArray();
            w.WriteString("licenseListVersion", SpdxLicenseIds.ListVersion[..SpdxLicenseIds.ListVersion.LastIndexOf('.')]);
            w.WriteEndObject();

            w.WriteStartArray("packages");
            WriteImage(w, build, model);
            foreach (var package in model.Packages)
            {
                WritePackage(w, build, model, package, tool, created);
            }

            foreach (var (source, binary) in model.Sources)
            {
                WriteSource(w, build, model, source, binary);
            }

            w.WriteEndArray();

            w.WriteStartArray("files");
            foreach (var artifact in model.Artifacts)
            {
                WriteArtifact(w, model, artifact, tool, created);
            }

            w.WriteEndArray();

            var extracted = model.Licenses.Extracted;
            if (extracted.Count > 0)
            {
                w.WriteStartArray("hasExtractedLicensingInfos");
                foreach (var (id, text) in extracted)
                {
                    w.WriteStartObject();
                    w.WriteString("licenseId", id);
                    w.WriteString("extractedText", text);
                    w.WriteString("name", text);
                    w.WriteString("comment", "RPM License tag that is not an SPDX license expression.");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            SpdxRelationships.Write(w, model);
            w.WriteEndObject();
        });
    }

    /// <summary>https://basalt.example/spdx/NAME-VERSION-UUID, the UUID derived from the seed and the inputs.</summary>
    public static string DocumentNamespace(BuildRecord build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return NamespacePrefix + PackageUrl.Encode(build.ImageName + "-" + build.ImageVersion) + "-" + SbomIdentity.Uuid(build, "spdx");
    }

    private static void WriteImage(Utf8JsonWriter w, BuildRecord build, SbomModel model)
    {
        w.WriteStartObject();
        w.WriteString("SPDXID", model.ImageId);
        w.WriteString("name", build.ImageName);
        w.WriteString("versionInfo", build.ImageVersion);
        w.WriteString("supplier", SbomIdentity.NoAssertion);
        w.WriteString("downloadLocation", SbomIdentity.NoAssertion);
        w.WriteBoolean("filesAnalyzed", false);
        w.WriteString("primaryPackagePurpose", "OPERATING_SYSTEM");
        w.WriteString("licenseConcluded", SbomIdentity.NoAssertion);
        w.WriteString("licenseDeclared", SbomIdentity.NoAssertion);
        w.WriteString("copyrightText", SbomIdentity.NoAssertion);
        w.WriteString("description", $"{build.DistroName} image for {build.Arch}");
        w.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter w, BuildRecord build, SbomModel model, BuildPackage package, string tool, string created)
    {
        w.WriteStartObject();
        w.WriteString("SPDXID", model.PackageIds[package.Nevra]);
        w.WriteString("name", package.Name);
        w.WriteString("versionInfo", package.Version + "-" + package.Release);
        w.WriteString("packageFileName", $"{package.Name}-{package.Version}-{package.Release}.{package.Arch}.rpm");
        w.WriteString("supplier", SbomIdentity.SpdxSupplier(SbomIdentity.Supplier(package)));
        w.WriteString("downloadLocation", SbomIdentity.PublicUri(package.Uri) ?? SbomIdentity.NoAssertion);
        w.WriteBoolean("filesAnalyzed", false);
        WriteSha256(w, package.Sha256);
        w.WriteString("licenseConcluded", SbomIdentity.NoAssertion);
        w.WriteString("licenseDeclared", model.Licenses.Expression(package.License) ?? SbomIdentity.NoAssertion);
        w.WriteString("copyrightText", SbomIdentity.NoAssertion);
        if (!string.IsNullOrEmpty(package.SourceRpm))
        {
            w.WriteString("sourceInfo", "built from source RPM " + package.SourceRpm);
        }

        w.WriteStartArray("externalRefs");
        WritePurl(w, PackageUrl.ForRpm(package, build));
        WritePurl(w, PackageUrl.ForRpmInRepository(package, build));
        w.WriteEndArray();
        WriteAnnotation(w, tool, created, NevraAnnotation + package.Nevra);
        w.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter w, BuildRecord build, SbomModel model, SourceRpmName source, BuildPackage binary)
    {
        w.WriteStartObject();
        w.WriteString("SPDXID", model.SourceIds[source.FileName]);
        w.WriteString("name", source.Name);
        w.WriteString("versionInfo", source.Version + "-" + source.Release);
        w.WriteString("packageFileName", source.FileName);
        w.WriteString("supplier", SbomIdentity.SpdxSupplier(SbomIdentity.Supplier(binary)));
        w.WriteString("downloadLocation", SbomIdentity.NoAssertion);
        w.WriteBoolean("filesAnalyzed", false);
        w.WriteString("primaryPackagePurpose", "SOURCE");
        w.WriteString("licenseConcluded", SbomIdentity.NoAssertion);
        w.WriteString("licenseDeclared", SbomIdentity.NoAssertion);
        w.WriteString("copyrightText", SbomIdentity.NoAssertion);
        w.WriteStartArray("externalRefs");
        WritePurl(w, PackageUrl.ForSourceRpm(source, binary, build));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteArtifact(Utf8JsonWriter w, SbomModel model, BuildArtifact artifact, string tool, string created)
    {
        w.WriteStartObject();
        w.WriteString("SPDXID", model.ArtifactIds[artifact.Name]);
        // SPDX 2.3 §8.1: a relative path from the package root, starting with "./".
        w.WriteString("fileName", "./" + artifact.Name);
        w.WriteStartArray("fileTypes");
        w.WriteStringValue("BINARY");
        w.WriteEndArray();
        WriteSha256(w, artifact.Sha256);
        w.WriteString("licenseConcluded", SbomIdentity.NoAssertion);
        w.WriteString("copyrightText", SbomIdentity.NoAssertion);
        WriteAnnotation(w, tool, created, SizeAnnotation + artifact.Bytes.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static void WriteSha256(Utf8JsonWriter w, string sha256)
    {
        w.WriteStartArray("checksums");
        w.WriteStartObject();
        w.WriteString("algorithm", "SHA256");
        w.WriteString("checksumValue", sha256);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WritePurl(Utf8JsonWriter w, string purl)
    {
        w.WriteStartObject();
        w.WriteString("referenceCategory", "PACKAGE-MANAGER");
        w.WriteString("referenceType", "purl");
        w.WriteString("referenceLocator", purl);
        w.WriteEndObject();
    }

    private static void WriteAnnotation(Utf8JsonWriter w, string tool, string created, string comment)
    {
        w.WriteStartArray("annotations");
        w.WriteStartObject();
        w.WriteString("annotationType", "OTHER");
        w.WriteString("annotator", tool);
        w.WriteString("annotationDate", created);
        w.WriteString("comment", comment);
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
