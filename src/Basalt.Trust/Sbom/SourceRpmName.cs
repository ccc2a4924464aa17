namespace Basalt.Trust.Sbom;

/// <summary>
/// A SOURCERPM tag split into name, version and release: <c>NAME-VERSION-RELEASE.src.rpm</c> (rpm's own layout; the
/// name may contain dashes, version and release may not, so the last two dashes separate them).
/// </summary>
internal sealed record SourceRpmName(string FileName, string Name, string Version, string Release)
{
    private const string Suffix = ".src.rpm";

    public static bool TryParse(string? fileName, out SourceRpmName source)
    {
        source = null!;
        if (string.IsNullOrEmpty(fileName) || !fileName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var nvr = fileName[..^Suffix.Length];
        var releaseDash = nvr.LastIndexOf('-');
        if (releaseDash <= 0)
        {
            return false;
        }

        var versionDash = nvr.LastIndexOf('-', releaseDash - 1);
        if (versionDash <= 0 || releaseDash == nvr.Length - 1 || versionDash == releaseDash - 1)
        {
            return false;
        }

        source = new SourceRpmName(fileName, nvr[..versionDash], nvr[(versionDash + 1)..releaseDash], nvr[(releaseDash + 1)..]);
        return true;
    }
}
