using System.Security.Cryptography;
using System.Text;

namespace Basalt.Trust.Sbom;

/// <summary>
/// What an RPM's License tag becomes in an SBOM. A tag that parses as an SPDX expression is used as is (normalised);
/// anything else (pre-2022 Fedora/Red Hat tags such as "GPLv2+" or "BSD and GPLv2") becomes
/// <c>LicenseRef-&lt;sanitised text&gt;</c>, declared with the original text (SPDX hasExtractedLicensingInfos,
/// CycloneDX license.name). Sanitising keeps [A-Za-z0-9.-], spells '+' as "-plus" and turns other runs into one '-';
/// when two different texts would share an id, each of them gets the first 8 hex digits of its SHA-256 appended,
/// so the id never depends on which other packages are in the image.
/// </summary>
internal sealed class SbomLicenses
{
    private readonly Dictionary<string, string> _refByText = new(StringComparer.Ordinal);

    public SbomLicenses(IEnumerable<string?> licenseTags)
    {
        var texts = licenseTags
            .Where(t => !string.IsNullOrWhiteSpace(t) && !LicenseExpression.TryNormalize(t!, out _))
            .Select(t => t!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var clashes = texts.GroupBy(Sanitize, StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            _refByText[text] = "LicenseRef-" + Sanitize(text) + (clashes.Contains(text) ? "-" + ShortHash(text) : string.Empty);
        }
    }

    /// <summary>Every LicenseRef in use with its original text, ordered by id.</summary>
    public IReadOnlyList<(string Id, string Text)> Extracted =>
        [.. _refByText.Select(p => (Id: p.Value, Text: p.Key)).OrderBy(p => p.Id, StringComparer.Ordinal)];

    /// <summary>The SPDX expression for a License tag, or null when the package declares none.</summary>
    public string? Expression(string? licenseTag)
    {
        if (string.IsNullOrWhiteSpace(licenseTag))
        {
            return null;
        }

        return LicenseExpression.TryNormalize(licenseTag, out var expression) ? expression : _refByText[licenseTag];
    }

    /// <summary>True when the tag is not SPDX and is represented by a LicenseRef.</summary>
    public bool IsExtracted(string? licenseTag) => licenseTag is not null && _refByText.ContainsKey(licenseTag);

    internal static string Sanitize(string text)
    {
        var id = new StringBuilder();
        var pendingDash = false;
        foreach (var c in text.Trim())
        {
            if (c == '+')
            {
                id.Append(id.Length > 0 ? "-plus" : "plus");
                pendingDash = false;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '.')
            {
                if (pendingDash && id.Length > 0)
                {
                    id.Append('-');
                }

                id.Append(c);
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }

        return id.Length > 0 ? id.ToString() : "unnamed";
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
}
