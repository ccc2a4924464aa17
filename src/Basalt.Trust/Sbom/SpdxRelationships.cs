using System.Text.Json;

namespace Basalt.Trust.Sbom;

/// <summary>
/// The relationships array, in a fixed order: DESCRIBES; the image CONTAINS each RPM then each artefact; then per
/// RPM (by NEVRA) GENERATED_FROM its source RPM (as Red Hat's RPM SBOMs relate binaries to the SRPM) followed by
/// DEPENDS_ON for each resolved requirement in ordinal order.
/// </summary>
internal static class SpdxRelationships
{
    public static void Write(Utf8JsonWriter w, SbomModel model)
    {
        w.WriteStartArray("relationships");
        Write(w, "SPDXRef-DOCUMENT", "DESCRIBES", model.ImageId);
        foreach (var package in model.Packages)
        {
            Write(w, model.ImageId, "CONTAINS", model.PackageIds[package.Nevra]);
        }

        foreach (var artifact in model.Artifacts)
        {
            Write(w, model.ImageId, "CONTAINS", model.ArtifactIds[artifact.Name]);
        }

        foreach (var package in model.Packages)
        {
            var id = model.PackageIds[package.Nevra];
            if (SourceRpmName.TryParse(package.SourceRpm, out var source))
            {
                Write(w, id, "GENERATED_FROM", model.SourceIds[source.FileName]);
            }

            foreach (var required in package.Requires.Where(r => r != package.Nevra).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                Write(w, id, "DEPENDS_ON", model.PackageIds[required]);
            }
        }

        w.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter w, string element, string type, string related)
    {
        w.WriteStartObject();
        w.WriteString("spdxElementId", element);
        w.WriteString("relationshipType", type);
        w.WriteString("relatedSpdxElement", related);
        w.WriteEndObject();
    }
}
