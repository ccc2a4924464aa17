using System.Globalization;

namespace Basalt.Packaging;

/// <summary>
/// An RPM epoch-version-release triple as found in a package header or a dependency
/// ("[epoch:]version[-release]"). In the total order of <see cref="Compare"/> a missing epoch is epoch 0 and a
/// missing release sorts before any release; "a missing release matches any release" is a rule of capability
/// matching (<see cref="Capability"/>), not of ordering. Record equality is structural, so <c>0:1.0</c> and
/// <c>1.0</c> are not <c>Equals</c> although <see cref="Compare"/> ranks them equal.
/// </summary>
/// <param name="Epoch">The epoch, or null when the text had none.</param>
/// <param name="Version">The version (never null; may be empty in a malformed header).</param>
/// <param name="Release">The release, or null when the text had none.</param>
public sealed record Evr(int? Epoch, string Version, string? Release) : IComparable<Evr>
{
    /// <summary>
    /// Splits text the way rpm's parseEVR does: leading digits followed by ':' are the epoch (":v" means epoch 0),
    /// and the part after the last '-' of the remainder is the release.
    /// </summary>
    /// <exception cref="FormatException">The epoch does not fit a 32-bit signed integer.</exception>
    public static Evr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        int digits = 0;
        while (digits < span.Length && span[digits] is >= '0' and <= '9')
        {
            digits++;
        }

        int? epoch = null;
        var rest = span;
        if (digits < span.Length && span[digits] == ':')
        {
            epoch = digits == 0 ? 0 : ParseEpoch(span[..digits], text);
            rest = span[(digits + 1)..];
        }

        int dash = rest.LastIndexOf('-');
        return dash < 0
            ? new Evr(epoch, rest.ToString(), null)
            : new Evr(epoch, rest[..dash].ToString(), rest[(dash + 1)..].ToString());
    }

    /// <summary>
    /// Compares two EVRs as rpm 4.18's rpmverCmp and python's rpm.labelCompare do: epochs (missing = 0), then
    /// versions, then releases, where a missing release sorts before any present one (even "" or "~").
    /// A null EVR sorts first.
    /// </summary>
    public static int Compare(Evr? a, Evr? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return -1;
        }

        if (b is null)
        {
            return 1;
        }

        int rc = (a.Epoch ?? 0).CompareTo(b.Epoch ?? 0);
        if (rc != 0)
        {
            return rc < 0 ? -1 : 1;
        }

        rc = RpmVersion.Compare(a.Version, b.Version);
        if (rc != 0)
        {
            return rc;
        }

        // labelCompare's compare_values: absent < present; two absent releases are equal.
        if (a.Release is null || b.Release is null)
        {
            return a.Release is null ? (b.Release is null ? 0 : -1) : 1;
        }

        return RpmVersion.Compare(a.Release, b.Release);
    }

    /// <inheritdoc />
    public int CompareTo(Evr? other) => Compare(this, other);

    /// <summary>Prints the EVR as rpm does: "[epoch:]version[-release]".</summary>
    public override string ToString()
    {
        string evr = Release is null ? Version : Version + "-" + Release;
        return Epoch is { } e ? e.ToString(CultureInfo.InvariantCulture) + ":" + evr : evr;
    }

    /// <summary>True when <paramref name="left"/> sorts before <paramref name="right"/> in rpm order.</summary>
    public static bool operator <(Evr? left, Evr? right) => Compare(left, right) < 0;

    /// <summary>True when <paramref name="left"/> sorts before or equal to <paramref name="right"/> in rpm order.</summary>
    public static bool operator <=(Evr? left, Evr? right) => Compare(left, right) <= 0;

    /// <summary>True when <paramref name="left"/> sorts after <paramref name="right"/> in rpm order.</summary>
    public static bool operator >(Evr? left, Evr? right) => Compare(left, right) > 0;

    /// <summary>True when <paramref name="left"/> sorts after or equal to <paramref name="right"/> in rpm order.</summary>
    public static bool operator >=(Evr? left, Evr? right) => Compare(left, right) >= 0;

    private static int ParseEpoch(ReadOnlySpan<char> digits, string text)
    {
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
        {
            throw new FormatException($"EVR \"{text}\": epoch \"{digits}\" does not fit a 32-bit integer.");
        }

        return epoch;
    }
}
