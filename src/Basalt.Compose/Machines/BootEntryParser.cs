using System.Globalization;
using System.Text;

namespace Basalt.Compose.Machines;

/// <summary>
/// Parses Boot Loader Specification type #1 entries (UAPI.1, "Type #1 Boot Loader Entry Keys"), loader.conf(5)
/// and os-release text (the UKI .osrel section). Lines are <c>KEY VALUE</c>; '#' starts a comment; <c>initrd</c>
/// and <c>options</c> may repeat (initrds load in order, options are joined with spaces).
/// </summary>
public static class BootEntryParser
{
    public static BootEntry ParseType1(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        string? title = null, version = null, sortKey = null, machineId = null, linux = null, architecture = null;
        var initrds = new List<string>();
        var options = new List<string>();
        foreach (var (key, value) in KeyValues(text))
        {
            switch (key)
            {
                case "title": title = value; break;
                case "version": version = value; break;
                case "sort-key": sortKey = value; break;
                case "machine-id": machineId = value; break;
                case "linux": linux = value; break;
                case "architecture": architecture = value; break;
                case "initrd": initrds.Add(value); break;
                case "options": options.Add(value); break;
                default: break; // devicetree, efi and unknown keys do not matter for a direct kernel boot
            }
        }

        var id = path[(path.LastIndexOf('/') + 1)..];
        return new BootEntry
        {
            Id = id,
            Path = path,
            Kind = BootEntryKind.Type1,
            Title = title,
            Version = version,
            SortKey = sortKey,
            MachineId = machineId,
            Linux = architecture is null || string.Equals(architecture, "x64", StringComparison.OrdinalIgnoreCase) ? linux : null,
            Initrds = initrds,
            Options = options.Count == 0 ? null : string.Join(' ', options),
            TriesLeft = TriesLeft(id),
        };
    }

    /// <summary>The <c>default</c> glob of loader.conf, or null.</summary>
    public static string? ParseLoaderDefault(string text)
        => KeyValues(text).LastOrDefault(pair => pair.Key == "default").Value is { Length: > 0 } value ? value : null;

    /// <summary>os-release KEY=VALUE pairs (os-release(5)), with one level of single or double quotes removed.</summary>
    public static IReadOnlyDictionary<string, string> ParseOsRelease(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] == '#' || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..];
            if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
            {
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            values[line[..equals]] = value;
        }

        return values;
    }

    /// <summary>A UKI entry from its file name and .osrel text, as systemd-boot names and orders it.</summary>
    public static BootEntry ForUki(string path, string? osRelease)
    {
        ArgumentNullException.ThrowIfNull(path);
        var os = osRelease is null ? new Dictionary<string, string>() : ParseOsRelease(osRelease);
        var id = path[(path.LastIndexOf('/') + 1)..];
        return new BootEntry
        {
            Id = id,
            Path = path,
            Kind = BootEntryKind.UnifiedKernelImage,
            Title = os.GetValueOrDefault("PRETTY_NAME") ?? os.GetValueOrDefault("NAME"),
            SortKey = os.GetValueOrDefault("IMAGE_ID") ?? os.GetValueOrDefault("ID"),
            Version = os.GetValueOrDefault("IMAGE_VERSION") ?? os.GetValueOrDefault("VERSION_ID") ?? os.GetValueOrDefault("BUILD_ID"),
            TriesLeft = TriesLeft(id),
        };
    }

    private static IEnumerable<KeyValuePair<string, string>> KeyValues(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            yield return space < 0 ? KeyValuePair.Create(line, "") : KeyValuePair.Create(line[..space], line[(space + 1)..].Trim());
        }
    }

    /// <summary>The LEFT of a <c>NAME+LEFT[-DONE].conf</c> file name (Automatic Boot Assessment, UAPI), or null.</summary>
    private static int? TriesLeft(string id)
    {
        var dot = id.LastIndexOf('.');
        var stem = dot < 0 ? id : id[..dot];
        var plus = stem.LastIndexOf('+');
        if (plus < 0)
        {
            return null;
        }

        var counter = stem[(plus + 1)..];
        var dash = counter.IndexOf('-', StringComparison.Ordinal);
        var left = dash < 0 ? counter : counter[..dash];
        return int.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out var tries) ? tries : null;
    }

    internal static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).TrimEnd('\0');
}
