using System.Globalization;
using System.Text.Json;

namespace Basalt.Trust.Sbom;

/// <summary>
/// Reads back what <see cref="SpdxWriter"/> and <see cref="CycloneDxWriter"/> wrote, for <c>basalt verify</c>: the
/// installed packages (NEVRA, SHA-256, purl) and the artefacts. Anything structurally wrong is an
/// <see cref="InvalidDataException"/> naming the file and the JSON path.
/// </summary>
public static class SbomReader
{
    /// <summary>The binary RPM packages of an SPDX document: those carrying Basalt's NEVRA annotation.</summary>
    public static IReadOnlyList<SbomPackage> ReadSpdx(Stream json, string name)
    {
        var reader = new SbomJsonReader(name);
        using var document = reader.Parse(json);
        var root = reader.Object(document.RootElement, "$");
        reader.Expect(root, "spdxVersion", "SPDX-2.3");
        var packages = new List<SbomPackage>();
        foreach (var (package, path) in reader.Array(root, "packages", "$"))
        {
            var nevra = Annotation(reader, package, path, SpdxWriter.NevraAnnotation);
            if (nevra is null)
            {
                continue;
            }

            var purl = reader.Array(package, "externalRefs", path, optional: true)
                .Where(r => reader.String(r.Item, "referenceType", r.Path) == "purl")
                .Select(r => reader.String(r.Item, "referenceLocator", r.Path))
                .FirstOrDefault() ?? throw reader.Error(path + ".externalRefs", "has no purl");
            packages.Add(new SbomPackage(nevra, SpdxSha256(reader, package, path), purl));
        }

        return packages;
    }

    /// <summary>The artefact files of an SPDX document (name without "./", SHA-256, size).</summary>
    public static IReadOnlyList<BuildArtifact> ArtifactsSpdx(Stream json, string name)
    {
        var reader = new SbomJsonReader(name);
        using var document = reader.Parse(json);
        var root = reader.Object(document.RootElement, "$");
        reader.Expect(root, "spdxVersion", "SPDX-2.3");
        var artifacts = new List<BuildArtifact>();
        foreach (var (file, path) in reader.Array(root, "files", "$", optional: true))
        {
            var fileName = reader.String(file, "fileName", path);
            if (!fileName.StartsWith("./", StringComparison.Ordinal) || fileName.Length == 2)
            {
                throw reader.Error(path + ".fileName", $"is not a relative path starting with './' ('{fileName}')");
            }

            var size = Annotation(reader, file, path, SpdxWriter.SizeAnnotation)
                ?? throw reader.Error(path + ".annotations", $"has no '{SpdxWriter.SizeAnnotation}' annotation");
            artifacts.Add(new BuildArtifact(fileName[2..], SpdxSha256(reader, file, path), Bytes(reader, size, path + ".annotations")));
        }

        return artifacts;
    }

    /// <summary>The RPM components of a CycloneDX BOM: type library with Basalt's NEVRA property.</summary>
    public static IReadOnlyList<SbomPackage> ReadCycloneDx(Stream json, string name)
    {
        var reader = new SbomJsonReader(name);
        using var document = reader.Parse(json);
        var root = reader.Object(document.RootElement, "$");
        reader.Expect(root, "bomFormat", "CycloneDX");
        reader.Expect(root, "specVersion", "1.6");
        var packages = new List<SbomPackage>();
        foreach (var (component, path) in reader.Array(root, "components", "$", optional: true))
        {
            var nevra = reader.Array(component, "properties", path, optional: true)
                .Where(p => reader.String(p.Item, "name", p.Path) == CycloneDxWriter.NevraProperty)
                .Select(p => reader.String(p.Item, "value", p.Path))
                .FirstOrDefault();
            if (nevra is null)
            {
                continue;
            }

            var sha256 = reader.Array(component, "hashes", path)
                .Where(h => reader.String(h.Item, "alg", h.Path) == "SHA-256")
                .Select(h => reader.Sha256(reader.String(h.Item, "content", h.Path), h.Path + ".content"))
                .FirstOrDefault() ?? throw reader.Error(path + ".hashes", "has no SHA-256 hash");
            packages.Add(new SbomPackage(nevra, sha256, reader.String(component, "purl", path)));
        }

        return packages;
    }

    private static string? Annotation(SbomJsonReader reader, JsonElement element, string path, string prefix) =>
        reader.Array(element, "annotations", path, optional: true)
            .Select(a => reader.String(a.Item, "comment", a.Path))
            .Where(c => c.StartsWith(prefix, StringComparison.Ordinal))
            .Select(c => c[prefix.Length..])
            .FirstOrDefault();

    private static string SpdxSha256(SbomJsonReader reader, JsonElement element, string path) =>
        reader.Array(element, "checksums", path)
            .Where(c => reader.String(c.Item, "algorithm", c.Path) == "SHA256")
            .Select(c => reader.Sha256(reader.String(c.Item, "checksumValue", c.Path), c.Path + ".checksumValue"))
            .FirstOrDefault() ?? throw reader.Error(path + ".checksums", "has no SHA256 checksum");

    private static long Bytes(SbomJsonReader reader, string text, string path) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            ? bytes
            : throw reader.Error(path, $"has a size that is not a number ('{text}')");
}
