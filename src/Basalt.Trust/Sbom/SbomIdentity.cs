using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Basalt.Trust.Sbom;

/// <summary>
/// The values that make an SBOM reproducible: the creation time (SOURCE_DATE_EPOCH), a UUID derived from the seed and
/// every input and output digest, the tool name, and the supplier strings.
/// </summary>
internal static class SbomIdentity
{
    /// <summary>Basalt's UUID namespace for name-based SBOM ids (fixed; any value works as long as it never changes).</summary>
    private static readonly Guid BasaltNamespace = new("6f0d5c1e-7a3b-4c8e-9d21-5b4e8a7c3f90");

    public const string NoAssertion = "NOASSERTION";

    public static string Created(BuildRecord build) =>
        DateTimeOffset.FromUnixTimeSeconds(build.SourceDateEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string ToolName(BuildRecord build) => "basalt-" + build.BasaltVersion;

    /// <summary>
    /// An RFC 4122 §4.3 version-5 UUID over a canonical text of the record (purpose, seed, image, time, definition,
    /// every package and artefact digest). Version 5 because CycloneDX's serialNumber pattern admits only versions 1–5.
    /// </summary>
    public static string Uuid(BuildRecord build, string purpose)
    {
        var name = new StringBuilder();
        name.Append(purpose).Append('\n').Append(build.Seed).Append('\n').Append(build.ImageName).Append('\n').Append(build.ImageVersion)
            .Append('\n').Append(build.Arch).Append('\n').Append(build.SourceDateEpoch.ToString(CultureInfo.InvariantCulture))
            .Append('\n').Append(build.DefinitionSha256).Append('\n');
        foreach (var package in build.Packages.OrderBy(p => p.Nevra, StringComparer.Ordinal))
        {
            name.Append("rpm ").Append(package.Nevra).Append(' ').Append(package.Sha256).Append('\n');
        }

        foreach (var artifact in build.Artifacts.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            name.Append("artifact ").Append(artifact.Name).Append(' ').Append(artifact.Sha256).Append('\n');
        }

        var input = new List<byte>(BasaltNamespace.ToByteArray(bigEndian: true));
        input.AddRange(Encoding.UTF8.GetBytes(name.ToString()));
        // SHA-1 is what §4.3 prescribes for version 5; the UUID names a document, it protects nothing.
#pragma warning disable CA5350 // Weak hash: mandated by RFC 4122 §4.3 for name-based UUIDs, not used for security.
        var hash = SHA1.HashData(input.ToArray());
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D", CultureInfo.InvariantCulture);
    }

    /// <summary>Supplier: the Vendor tag, else the Packager tag, else none (SPDX NOASSERTION).</summary>
    public static string? Supplier(BuildPackage package)
    {
        var who = !string.IsNullOrWhiteSpace(package.Vendor) ? package.Vendor : package.Packager;
        return string.IsNullOrWhiteSpace(who) ? null : who.Trim();
    }

    /// <summary>
    /// SPDX 2.3 §7.5 supplier text: "Organization: name (email)". rpm writes "Name &lt;email&gt;", so angle brackets
    /// become the parentheses SPDX expects.
    /// </summary>
    public static string SpdxSupplier(string? supplier) =>
        supplier is null ? NoAssertion : "Organization: " + SplitContact(supplier) switch
        {
            (var n, null) => n,
            (var n, var e) => n + " (" + e + ")",
        };

    /// <summary>"Name &lt;contact&gt;" split into name and contact; plain text is all name.</summary>
    public static (string Name, string? Contact) SplitContact(string text)
    {
        var open = text.IndexOf('<', StringComparison.Ordinal);
        var close = text.LastIndexOf('>');
        if (open > 0 && close > open)
        {
            return (text[..open].Trim(), text[(open + 1)..close].Trim());
        }

        return (text, null);
    }

    /// <summary>The package's download location when it is a public URL; local paths say nothing to a reader.</summary>
    public static string? PublicUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" or "ftp" ? uri : null;
}
