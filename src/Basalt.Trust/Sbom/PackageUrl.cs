using System.Globalization;
using System.Text;

namespace Basalt.Trust.Sbom;

/// <summary>
/// Package URLs (purl, ECMA-427) for the RPMs in an image: <c>pkg:rpm/NAMESPACE/NAME@VERSION-RELEASE?QUALIFIERS</c>.
/// The rpm type definition makes the namespace the vendor, case-insensitive and therefore lowercased; we use the
/// package's Vendor tag and fall back to the image's os-release ID when it has none. Qualifiers are <c>arch</c>,
/// <c>distro</c> (ID-VERSION_ID of the image) and <c>epoch</c> only when the package has an epoch tag, sorted by key
/// as the "how to build" rules require.
/// </summary>
public static class PackageUrl
{
    /// <summary>The purl of an installed binary RPM.</summary>
    public static string ForRpm(BuildPackage package, BuildRecord build)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(build);
        return Rpm(Namespace(package, build), package.Name, package.Version, package.Release, package.Arch, package.Epoch, build, repositoryId: null);
    }

    /// <summary>
    /// The same purl with a <c>repository_id</c> qualifier naming the repository the package came from. Red Hat's SBOM
    /// guidance lists both forms for packages inside an image, so tools keyed on either can match.
    /// </summary>
    public static string ForRpmInRepository(BuildPackage package, BuildRecord build)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(build);
        return Rpm(Namespace(package, build), package.Name, package.Version, package.Release, package.Arch, package.Epoch, build, package.Repository);
    }

    /// <summary>The purl of the source RPM a binary was built from: same vendor and epoch, <c>arch=src</c>.</summary>
    internal static string ForSourceRpm(SourceRpmName source, BuildPackage binary, BuildRecord build) =>
        Rpm(Namespace(binary, build), source.Name, source.Version, source.Release, "src", binary.Epoch, build, repositoryId: null);

    private static string Namespace(BuildPackage package, BuildRecord build)
    {
        var vendor = string.IsNullOrWhiteSpace(package.Vendor) ? build.DistroId : package.Vendor.Trim();
        return vendor.ToLowerInvariant();
    }

    private static string Rpm(string ns, string name, string version, string release, string arch, long? epoch, BuildRecord build, string? repositoryId)
    {
        // Qualifier keys in lexicographic order (arch < distro < epoch < repository_id); empty values are dropped.
        var qualifiers = new List<(string Key, string Value)>
        {
            ("arch", arch),
            // purl-spec's rpm type: distro is ID-VERSION_ID from os-release, or just the ID when the image has no VERSION_ID.
            ("distro", string.IsNullOrEmpty(build.DistroVersionId) ? build.DistroId : build.DistroId + "-" + build.DistroVersionId),
        };
        if (epoch is { } e)
        {
            qualifiers.Add(("epoch", e.ToString(CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrEmpty(repositoryId))
        {
            qualifiers.Add(("repository_id", repositoryId));
        }

        var purl = new StringBuilder("pkg:rpm/");
        purl.Append(Encode(ns)).Append('/').Append(Encode(name)).Append('@').Append(Encode(version + "-" + release));
        var separator = '?';
        foreach (var (key, value) in qualifiers.Where(q => q.Value.Length > 0).OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            purl.Append(separator).Append(key).Append('=').Append(Encode(value));
            separator = '&';
        }

        return purl.ToString();
    }

    /// <summary>
    /// ECMA-427 "Character encoding": UTF-8, then every octet outside the alphanumerics, the punctuation <c>.-_~</c> and
    /// the colon becomes a %XX triplet (RFC 3986 §2.1, uppercase hex). So '+' is %2B, ' ' is %20 and '/' is %2F.
    /// </summary>
    internal static string Encode(string component)
    {
        var text = new StringBuilder(component.Length);
        foreach (var b in Encoding.UTF8.GetBytes(component))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'.' or (byte)'-' or (byte)'_' or (byte)'~' or (byte)':')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
