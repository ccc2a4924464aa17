namespace Basalt.Packaging;

/// <summary>Allocation-free EVR splitting for hot paths (capability matching over whole repositories).</summary>
internal static class EvrSpan
{
    /// <summary>
    /// rpm's parseEVR over a span: leading digits then ':' form the epoch (":v" gives "0"), the part after the
    /// last '-' of the remainder is the release. Missing parts come back empty.
    /// </summary>
    public static void Split(ReadOnlySpan<char> evr, out ReadOnlySpan<char> epoch, out ReadOnlySpan<char> version,
        out ReadOnlySpan<char> release)
    {
        int digits = 0;
        while (digits < evr.Length && evr[digits] is >= '0' and <= '9')
        {
            digits++;
        }

        epoch = default;
        var rest = evr;
        if (digits < evr.Length && evr[digits] == ':')
        {
            epoch = digits == 0 ? "0" : evr[..digits];
            rest = evr[(digits + 1)..];
        }

        int dash = rest.LastIndexOf('-');
        if (dash < 0)
        {
            version = rest;
            release = default;
        }
        else
        {
            version = rest[..dash];
            release = rest[(dash + 1)..];
        }
    }
}
