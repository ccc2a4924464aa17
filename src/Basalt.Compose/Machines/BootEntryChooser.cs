namespace Basalt.Compose.Machines;

/// <summary>
/// Orders entries and picks the default as systemd-boot does (boot.c, documented in systemd-boot(7) and
/// loader.conf(5)): entries with no tries left go last; entries with a sort-key come before those without and are
/// ordered by sort-key, then machine-id, then version newest first; ties (and entries without a sort-key) by id,
/// newest first by version comparison. The default is the first entry whose id matches loader.conf's
/// <c>default</c> glob, else the first entry.
/// </summary>
public static class BootEntryChooser
{
    public static IReadOnlyList<BootEntry> Sort(IEnumerable<BootEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        list.Sort(Compare);
        return list;
    }

    /// <summary>The entry systemd-boot would boot, or null when there is none.</summary>
    public static BootEntry? Choose(IEnumerable<BootEntry> entries, string? defaultPattern)
    {
        var sorted = Sort(entries);
        return (defaultPattern is null ? null : sorted.FirstOrDefault(e => Glob.IsMatch(defaultPattern, e.Id))) ?? (sorted.Count > 0 ? sorted[0] : null);
    }

    public static int Compare(BootEntry? a, BootEntry? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : 1) : -1;
        }

        var result = (a.TriesLeft == 0).CompareTo(b.TriesLeft == 0);
        if (result != 0)
        {
            return result;
        }

        result = (a.SortKey is null).CompareTo(b.SortKey is null);
        if (result != 0)
        {
            return result;
        }

        if (a.SortKey is not null && b.SortKey is not null)
        {
            result = string.CompareOrdinal(a.SortKey, b.SortKey);
            if (result == 0)
            {
                result = string.CompareOrdinal(a.MachineId ?? "", b.MachineId ?? "");
            }

            if (result == 0)
            {
                result = -BootVersion.Compare(a.Version, b.Version);
            }

            if (result != 0)
            {
                return result;
            }
        }

        return -BootVersion.Compare(a.Id, b.Id);
    }
}
