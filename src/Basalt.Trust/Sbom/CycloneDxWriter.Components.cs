using System.Text.Json;

namespace Basalt.Trust.Sbom;

/// <summary>The RPM components of the BOM: identity, supplier, hash, license, source RPM and Basalt properties.</summary>
public static partial class CycloneDxWriter
{
    private static void WritePackage(Utf8JsonWriter w, BuildRecord build, SbomModel model, BuildPackage package, string purl)
    {
        w.WriteStartObject();
        w.WriteString("type", "library");
        w.WriteString("bom-ref", purl);
        if (SbomIdentity.Supplier(package) is { } supplier)
        {
            var (name, contact) = SbomIdentity.SplitContact(supplier);
            w.WriteStartObject("supplier");
            w.WriteString("name", name);
            if (contact is not null && SbomIdentity.PublicUri(contact) is { } url)
            {
                w.WriteStartArray("url");
                w.WriteStringValue(url);
                w.WriteEndArray();
            }
            else if (contact is not null && contact.Contains('@', StringComparison.Ordinal) && !contact.Contains(':', StringComparison.Ordinal))
            {
                w.WriteStartArray("contact");
                w.WriteStartObject();
                w.WriteString("email", contact);
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteString("name", package.Name);
        w.WriteString("version", package.Version + "-" + package.Release);
        WriteSha256(w, package.Sha256);
        WriteLicense(w, model.Licenses, package.License);
        w.WriteString("purl", purl);
        if (SbomIdentity.PublicUri(package.Uri) is { } uri)
        {
            w.WriteStartArray("externalReferences");
            w.WriteStartObject();
            w.WriteString("type", "distribution");
            w.WriteString("url", uri);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        if (SourceRpmName.TryParse(package.SourceRpm, out var source))
        {
            // CycloneDX §pedigree: ancestors are the components this one was derived from, here its source RPM.
            w.WriteStartObject("pedigree");
            w.WriteStartArray("ancestors");
            w.WriteStartObject();
            w.WriteString("type", "library");
            w.WriteString("name", source.Name);
            w.WriteString("version", source.Version + "-" + source.Release);
            w.WriteString("purl", PackageUrl.ForSourceRpm(source, package, build));
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteStartArray("properties");
        WriteProperty(w, NevraProperty, package.Nevra);
        WriteProperty(w, RepositoryProperty, package.Repository);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLicense(Utf8JsonWriter w, SbomLicenses licenses, string? tag)
    {
        if (licenses.Expression(tag) is not { } expression)
        {
            return;
        }

        w.WriteStartArray("licenses");
        w.WriteStartObject();
        if (licenses.IsExtracted(tag))
        {
            // Not SPDX: CycloneDX names such a license by its text (SPDX uses the LicenseRef declared with the same text).
            w.WriteStartObject("license");
            w.WriteString("name", tag);
            w.WriteString("acknowledgement", "declared");
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("expression", expression);
            w.WriteString("acknowledgement", "declared");
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }
}
