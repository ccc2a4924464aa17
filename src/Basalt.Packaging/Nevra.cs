using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Basalt.Packaging;

/// <summary>A package's name-epoch-version-release-architecture, as rpm's %{NEVRA} prints it.</summary>
/// <param name="Name">The package name (may contain '-').</param>
/// <param name="Epoch">The epoch, or null when the package has none.</param>
/// <param name="Version">The version.</param>
/// <param name="Release">The release.</param>
/// <param name="Arch">The architecture ("x86_64", "noarch", "src", …).</param>
public sealed record Nevra(string Name, int? Epoch, string Version, string Release, string Arch)
{
    /// <summary>The package's epoch-version-release.</summary>
    public Evr Evr => new(Epoch, Version, Release);

    /// <summary>Prints as %{NEVRA}: "name-[epoch:]version-release.arch" (the epoch only when present).</summary>
    public override string ToString() => Name + "-" + Evr + "." + Arch;

    /// <summary>Prints as %{NVRA}: "name-version-release.arch" (never an epoch), as in an RPM file name.</summary>
    public string ToNvra() => Name + "-" + Version + "-" + Release + "." + Arch;

    /// <summary>Prints as %{NEVR}: "name-[epoch:]version-release".</summary>
    public string ToNevr() => Name + "-" + Evr;

    /// <summary>Parses "name-[epoch:]version-release.arch".</summary>
    /// <exception cref="FormatException">The text is not of that form; the message says which part is missing.</exception>
    public static Nevra Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseCore(text, out var nevra, out string? error)
            ? nevra
            : throw new FormatException($"NEVRA \"{text}\": {error}.");
    }

    /// <summary>Parses "name-[epoch:]version-release.arch"; false when the text is not of that form.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Nevra? nevra)
    {
        if (text is null)
        {
            nevra = null;
            return false;
        }

        bool ok = TryParseCore(text, out var parsed, out _);
        nevra = ok ? parsed : null;
        return ok;
    }

    private static bool TryParseCore(string text, out Nevra nevra, out string? error)
    {
        nevra = null!;
        var span = text.AsSpan();

        // Split from the right: name may contain '-' and version may contain '.', but arch and release cannot.
        int dot = span.LastIndexOf('.');
        int relDash = span.LastIndexOf('-');
        if (dot < 0 || dot < relDash || dot == span.Length - 1)
        {
            error = "expected \".arch\" at the end";
            return false;
        }

        if (relDash <= 0 || relDash == dot - 1)
        {
            error = "expected \"-release\" before the architecture";
            return false;
        }

        int verDash = span[..relDash].LastIndexOf('-');
        if (verDash <= 0 || verDash == relDash - 1)
        {
            error = "expected \"name-version\" before the release";
            return false;
        }

        var evPart = span[(verDash + 1)..relDash];
        int? epoch = null;
        int colon = evPart.IndexOf(':');
        if (colon >= 0)
        {
            var epochText = evPart[..colon];
            if (!int.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out int e))
            {
                error = $"epoch \"{epochText}\" is not a number";
                return false;
            }

            epoch = e;
            evPart = evPart[(colon + 1)..];
            if (evPart.IsEmpty)
            {
                error = "expected a version after the epoch";
                return false;
            }
        }

        nevra = new Nevra(
            span[..verDash].ToString(),
            epoch,
            evPart.ToString(),
            span[(relDash + 1)..dot].ToString(),
            span[(dot + 1)..].ToString());
        error = null;
        return true;
    }
}
