using Basalt.Compose.Definition;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Services;

/// <summary>
/// What <c>systemctl --root=IMAGE preset-all</c> followed by <c>systemctl enable</c>, <c>disable</c> and <c>mask</c>
/// do to an image, done on the in-memory tree instead of running packages' %post scriptlets.
/// </summary>
public static class SystemdEnablement
{
    /// <summary>
    /// Applies the image's presets to every unit on the search path (systemd.preset(5): first matching rule in
    /// file name order wins; a unit no rule matches is enabled, as systemd does), then the definition's
    /// <see cref="SystemdUnits.Enable"/>, <see cref="SystemdUnits.Disable"/> and <see cref="SystemdUnits.Mask"/>
    /// in that order. New symlinks and directories are root-owned with mtime <paramref name="sourceDateEpoch"/>.
    /// Returns one note per unit whose links changed, plus preset lines that could not be parsed.
    /// </summary>
    /// <exception cref="BasaltException">A unit to enable does not exist or cannot be enabled; a name is invalid; a mask would replace a file.</exception>
    public static IReadOnlyList<string> Apply(FileTree tree, SystemdUnits units, long sourceDateEpoch)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(units);
        var notes = new List<string>();
        var installer = new UnitInstaller(tree, new FileTimestamp(sourceDateEpoch));
        ApplyPresets(tree, installer, notes);

        foreach (var name in units.Enable)
        {
            RequireValid(name, "systemd.enable");
            installer.Enable([name], followConfigLinks: false, strict: true, "systemd.enable", notes);
        }

        foreach (var name in units.Disable)
        {
            RequireValid(name, "systemd.disable");
            if (installer.Disable([name]).Count > 0)
            {
                notes.Add($"disabled {name} (systemd.disable)");
            }
        }

        installer.Mask(units.Mask, notes);
        return notes;
    }

    /// <summary>
    /// systemctl preset-all: every regular file or symlink with a valid unit name on the search path, first
    /// directory first, aliases skipped; the disables run before the enables (systemd's execute_preset).
    /// </summary>
    private static void ApplyPresets(FileTree tree, UnitInstaller installer, List<string> notes)
    {
        var presets = PresetRules.Load(tree);
        notes.AddRange(presets.Notes);
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var enable = new List<(string Name, string Origin)>();
        var disable = new List<(string Name, string Origin)>();
        foreach (var (_, directory) in installer.Lookup.Directories)
        {
            foreach (var (name, node) in directory.Children)
            {
                if (node is not (RegularFileNode or SymbolicLinkNode) || !UnitName.IsValid(name) || !handled.Add(name))
                {
                    continue;
                }

                var unit = installer.Lookup.Find(name, followConfigLinks: true);
                if (unit.Status == UnitLookupStatus.NotFound || unit.Status == UnitLookupStatus.Loop || unit.Name != name)
                {
                    continue; // dangling, looping, or an alias of another unit
                }

                var rule = presets.Query(name, out var instances);
                var origin = rule is null ? "no preset rule; systemd enables by default" : $"preset {rule.File}";
                switch (rule?.Action ?? PresetAction.Enable)
                {
                    case PresetAction.Enable when unit.Status == UnitLookupStatus.Regular:
                        enable.AddRange(instances.Count > 0 ? instances.Select(i => (i, origin)) : [(name, origin)]);
                        break;
                    case PresetAction.Disable:
                        disable.Add((name, origin));
                        break;
                }
            }
        }

        foreach (var (name, origin) in disable)
        {
            if (installer.Disable([name]).Count > 0)
            {
                notes.Add($"disabled {name} ({origin})");
            }
        }

        foreach (var (name, origin) in enable)
        {
            installer.Enable([name], followConfigLinks: true, strict: false, origin, notes);
        }
    }

    private static void RequireValid(string name, string key)
    {
        if (!UnitName.IsValid(name))
        {
            throw new BasaltException($"{key}: '{name}' is not a valid unit name");
        }
    }
}
