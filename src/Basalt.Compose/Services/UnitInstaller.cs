using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Services;

/// <summary>
/// Creates and removes the enablement symlinks in /etc/systemd/system exactly as systemctl --root writes them
/// (systemd's shared/install.c behaviour, checked against systemctl 252): links point at the unit file's
/// absolute path inside the image ("/usr/lib/systemd/system/sshd.service"), masks at "/dev/null".
/// </summary>
internal sealed partial class UnitInstaller(FileTree tree, FileTimestamp timestamp)
{
    private readonly UnitLookup _lookup = new(tree);

    public UnitLookup Lookup => _lookup;

    /// <summary>
    /// Enables <paramref name="names"/> and the units their Also= lists. In strict mode (an explicit enable) any
    /// failure throws <see cref="BasaltException"/>; otherwise (presets, systemd's IGNORE_AUXILIARY_FAILURE)
    /// failures become notes. Returns the number of links the units asked for, per requested name.
    /// </summary>
    public int Enable(IEnumerable<string> names, bool followConfigLinks, bool strict, string origin, List<string> notes)
    {
        var queue = new Queue<(string Name, bool Auxiliary)>(names.Select(n => (n, false)));
        var processed = new HashSet<string>(StringComparer.Ordinal);
        var links = 0;
        while (queue.Count > 0)
        {
            var (name, auxiliary) = queue.Dequeue();
            if (!processed.Add(name))
            {
                continue;
            }

            var unit = _lookup.Find(name, followConfigLinks);
            if (unit.Status != UnitLookupStatus.Regular)
            {
                if (strict && !auxiliary)
                {
                    throw new BasaltException(unit.Status switch
                    {
                        UnitLookupStatus.Masked => $"systemd.enable: unit '{name}' is masked",
                        UnitLookupStatus.LinkedInConfig => $"systemd.enable: unit '{name}' is an alias or linked unit file in '{UnitLookup.ConfigDirectory}'; enable the unit it points to",
                        UnitLookupStatus.Loop => $"systemd.enable: unit '{name}' is a loop of aliases",
                        _ => $"systemd.enable: unit '{name}' does not exist in the image",
                    });
                }

                notes.Add($"not enabled {name} ({origin}): {unit.Status.ToString().ToLowerInvariant()}");
                continue;
            }

            var install = unit.Install!;
            foreach (var also in install.Also)
            {
                if (UnitName.ExpandSpecifiers(also, unit.Name) is { } expanded && UnitName.IsValid(expanded))
                {
                    queue.Enqueue((expanded, true));
                }
            }

            var created = Apply(unit, strict, notes);
            links += created;
            if (created > 0)
            {
                notes.Add($"enabled {unit.Name} ({origin})");
            }
        }

        return links;
    }

    private int Apply(UnitLookupResult unit, bool strict, List<string> notes)
    {
        var install = unit.Install!;
        var links = 0;
        foreach (var alias in install.Alias)
        {
            if (!UnitName.MayAlias(unit.Name))
            {
                break; // systemd ignores Alias= for mount, automount, swap, slice and scope units
            }

            var destination = AliasName(unit.Name, UnitName.ExpandSpecifiers(alias, unit.Name));
            if (destination is null)
            {
                Fail(strict, notes, $"systemd.enable: unit '{unit.Name}' has an invalid Alias= '{alias}'");
                continue;
            }

            var path = TreePath.Combine(UnitLookup.ConfigDirectory, destination);
            // An existing different alias is kept unless it is dangling (systemd's create_symlink without --force).
            var dangling = !TreeLinks.TryResolve(tree, path, true, out _, out var resolved) || resolved is null;
            if (CreateLink(path, unit.Path!, force: dangling, strict, notes))
            {
                links++;
            }
        }

        // Dependencies are on the instance; a template without an instance uses DefaultInstance= (systemd.unit(5)).
        var source = unit.Name;
        var templateOnly = false;
        if (UnitName.IsValid(unit.Name, UnitNameForm.Template))
        {
            if (install.DefaultInstance is { } instance && UnitName.IsValid(UnitName.WithInstance(unit.Name, instance), UnitNameForm.Instance))
            {
                source = UnitName.WithInstance(unit.Name, instance);
                if (_lookup.Find(source, true).Status == UnitLookupStatus.Masked)
                {
                    Fail(strict, notes, $"systemd.enable: unit '{source}' is masked");
                    return links;
                }
            }
            else
            {
                templateOnly = true;
            }
        }

        foreach (var (list, suffix) in new[] { (install.WantedBy, ".wants"), (install.RequiredBy, ".requires"), (install.UpheldBy, ".upholds") })
        {
            foreach (var value in list)
            {
                var target = UnitName.ExpandSpecifiers(value, unit.Name);
                if (target is null || !UnitName.IsValid(target, templateOnly ? UnitNameForm.Template : UnitNameForm.Any))
                {
                    if (templateOnly && !strict)
                    {
                        continue; // presets silently skip a template without an instance (systemd's IGNORE_AUXILIARY_FAILURE)
                    }

                    Fail(strict, notes, templateOnly
                        ? $"systemd.enable: unit '{unit.Name}' is a template without DefaultInstance=; enable an instance such as '{UnitName.WithInstance(unit.Name, "NAME")}'"
                        : $"systemd.enable: unit '{unit.Name}' names an invalid unit '{value}' in [Install]");
                    continue;
                }

                if (CreateLink($"{UnitLookup.ConfigDirectory}/{target}{suffix}/{source}", unit.Path!, force: true, strict, notes))
                {
                    links++;
                }
            }
        }

        return links;
    }

    /// <summary>Alias= rules (systemd's unit_file_verify_alias): same type; templates alias templates; an instance fills a template alias.</summary>
    private static string? AliasName(string unit, string? alias)
    {
        if (alias is null || !UnitName.IsValid(alias) || UnitName.Type(alias) != UnitName.Type(unit))
        {
            return null;
        }

        if (UnitName.IsValid(unit, UnitNameForm.Plain))
        {
            return UnitName.IsValid(alias, UnitNameForm.Plain) ? alias : null;
        }

        if (UnitName.IsValid(unit, UnitNameForm.Template))
        {
            return UnitName.IsValid(alias, UnitNameForm.Template) ? alias : null;
        }

        return UnitName.IsValid(alias, UnitNameForm.Template) ? UnitName.WithInstance(alias, UnitName.Instance(unit))
            : UnitName.IsValid(alias, UnitNameForm.Instance) && UnitName.Instance(alias) == UnitName.Instance(unit) ? alias
            : null;
    }

    private static void Fail(bool strict, List<string> notes, string message)
    {
        if (strict)
        {
            throw new BasaltException(message);
        }

        notes.Add(message.Replace("systemd.enable: ", "not enabled: ", StringComparison.Ordinal));
    }
}
