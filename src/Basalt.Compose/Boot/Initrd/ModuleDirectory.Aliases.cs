using System.Text;
using Basalt.Compose.Services;

namespace Basalt.Compose.Boot.Initrd;

/// <summary>
/// Name lookup as libkmod's kmod_module_new_from_lookup orders it: a loadable module of that name, then the aliases
/// of loadable modules (modules.alias when depmod has run, else every module's "alias="), then a built-in module's
/// name, then a built-in module's alias (modules.builtin.modinfo). Aliases are fnmatch(3) patterns.
/// </summary>
internal sealed partial class ModuleDirectory
{
    private List<(string Pattern, string Module)>? _aliases;
    private List<string>? _builtinAliases;
    private Dictionary<string, (IReadOnlyList<string> Pre, IReadOnlyList<string> Post)>? _softDependencies;

    /// <summary>
    /// A module's soft dependencies: from modules.softdep when depmod has run (its first line for the module, the one
    /// libkmod honours), otherwise from the module's ".modinfo".
    /// </summary>
    public (IReadOnlyList<string> Pre, IReadOnlyList<string> Post) SoftDependencies(string name)
    {
        if (!HasModulesDep)
        {
            return Info(name).SoftDependencies();
        }

        if (_softDependencies is null)
        {
            _softDependencies = new(StringComparer.Ordinal);
            foreach (var line in Lines("modules.softdep"))
            {
                var words = line.Split((char[])[' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 3 && words[0] == "softdep")
                {
                    _softDependencies.TryAdd(Normalize(words[1]), ModuleInfo.ParseSoftDependencies(words[2]));
                }
            }
        }

        return _softDependencies.TryGetValue(name, out var found) ? found : ([], []);
    }

    /// <summary>
    /// The loadable modules <paramref name="name"/> stands for: itself, or every module one of whose aliases matches
    /// (sorted by name); empty when it is built in; null when the kernel knows no such name.
    /// </summary>
    public IReadOnlyList<string>? Lookup(string name)
    {
        var normalized = Normalize(name);
        if (IsLoadable(normalized))
        {
            return [normalized];
        }

        var matches = Aliases().Where(a => UnitGlob.Match(a.Pattern, normalized)).Select(a => a.Module)
            .Where(IsLoadable).Distinct().Order(StringComparer.Ordinal).ToList();
        if (matches.Count > 0)
        {
            return matches;
        }

        if (IsBuiltin(normalized) || BuiltinAliases().Any(pattern => UnitGlob.Match(pattern, normalized)))
        {
            return [];
        }

        return null;
    }

    /// <summary>kmod's alias_normalize: '-' becomes '_' except inside a bracket expression.</summary>
    private static string Normalize(string alias)
    {
        var builder = new StringBuilder(alias.Length);
        var inBrackets = false;
        foreach (var c in alias)
        {
            inBrackets = c switch { '[' => true, ']' => false, _ => inBrackets };
            builder.Append(c == '-' && !inBrackets ? '_' : c);
        }

        return builder.ToString();
    }

    private List<(string Pattern, string Module)> Aliases()
    {
        if (_aliases is null)
        {
            _aliases = [];
            if (TryReadText("modules.alias", out var text))
            {
                foreach (var line in text.Split('\n'))
                {
                    var words = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    if (words.Length == 3 && words[0] == "alias")
                    {
                        _aliases.Add((Normalize(words[1]), NameOf(words[2])));
                    }
                }
            }
            else if (!HasModulesDep)
            {
                // No depmod output: the aliases are in the modules themselves (what depmod would have collected).
                foreach (var module in _modules.Keys.Order(StringComparer.Ordinal))
                {
                    _aliases.AddRange(Info(module).Values("alias").Select(a => (Normalize(a), module)));
                }
            }
        }

        return _aliases;
    }

    private List<string> BuiltinAliases()
    {
        if (_builtinAliases is null)
        {
            _builtinAliases = [];
            if (TryReadBytes("modules.builtin.modinfo", out var bytes))
            {
                // "module.key=value" strings separated by NUL (scripts/Makefile.vmlinux, built-in MODULE_INFO()).
                foreach (var entry in Encoding.UTF8.GetString(bytes).Split('\0'))
                {
                    var marker = entry.IndexOf(".alias=", StringComparison.Ordinal);
                    if (marker > 0)
                    {
                        _builtinAliases.Add(Normalize(entry[(marker + ".alias=".Length)..]));
                    }
                }
            }
        }

        return _builtinAliases;
    }
}
