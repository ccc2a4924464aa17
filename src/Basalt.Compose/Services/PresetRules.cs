using System.Text;
using Basalt.Compose.Libraries;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Services;

internal enum PresetAction
{
    Enable,
    Disable,
    Ignore,
}

/// <summary>One line of a preset file: an action, a glob, and for "enable TEMPLATE@.service a b" the instances.</summary>
internal sealed record PresetRule(PresetAction Action, string Pattern, IReadOnlyList<string> Instances, string File);

/// <summary>
/// The system presets of an image (systemd.preset(5)): *.preset files in /etc/systemd/system-preset,
/// /run/systemd/system-preset, /usr/local/lib/systemd/system-preset and /usr/lib/systemd/system-preset; a file
/// name in an earlier directory hides the same name in later ones; files are read in file name order and the
/// first rule matching a unit decides. No matching rule means "enable" (systemd.preset(5): "If no preset files
/// exist, preset operations will enable all units"; distributions ship a final "disable *").
/// </summary>
internal sealed class PresetRules
{
    private static readonly string[] Directories =
        ["/etc/systemd/system-preset", "/run/systemd/system-preset", "/usr/local/lib/systemd/system-preset", "/usr/lib/systemd/system-preset"];

    private const int MaxPresetFileBytes = 1024 * 1024;

    private PresetRules(IReadOnlyList<PresetRule> rules, IReadOnlyList<string> notes)
    {
        Rules = rules;
        Notes = notes;
    }

    public IReadOnlyList<PresetRule> Rules { get; }

    /// <summary>Lines that could not be parsed (systemd logs and skips them).</summary>
    public IReadOnlyList<string> Notes { get; }

    public static PresetRules Load(FileTree tree)
    {
        var files = new SortedDictionary<string, (string Path, FileNode Node)>(FileNameComparer.Instance);
        foreach (var directory in Directories)
        {
            if (TreeLinks.ResolveDirectory(tree, directory, out var canonical) is not { } node)
            {
                continue;
            }

            foreach (var (name, _) in node.Children)
            {
                if (name.EndsWith(".preset", StringComparison.Ordinal) && !files.ContainsKey(name)
                    && TreeLinks.TryResolve(tree, TreePath.Combine(canonical, name), true, out _, out var file) && file is RegularFileNode)
                {
                    files.Add(name, (TreePath.Combine(directory, name), file));
                }
            }
        }

        var rules = new List<PresetRule>();
        var notes = new List<string>();
        foreach (var (name, (path, node)) in files)
        {
            var content = ((RegularFileNode)node).Content;
            if (content.Length > MaxPresetFileBytes)
            {
                throw new InvalidDataException($"Preset file '{path}' is larger than {MaxPresetFileBytes} bytes.");
            }

            var lineNumber = 0;
            foreach (var raw in Encoding.UTF8.GetString(content.ReadAllBytes()).Split('\n'))
            {
                lineNumber++;
                var line = raw.Trim();
                if (line.Length == 0 || line[0] is '#' or ';')
                {
                    continue;
                }

                var rule = ParseLine(line, name);
                if (rule is null)
                {
                    notes.Add($"preset '{path}' line {lineNumber}: cannot parse '{line}', ignored");
                }
                else
                {
                    rules.Add(rule);
                }
            }
        }

        return new PresetRules(rules, notes);
    }

    private static PresetRule? ParseLine(string line, string file)
    {
        foreach (var (word, action) in new[] { ("enable", PresetAction.Enable), ("disable", PresetAction.Disable), ("ignore", PresetAction.Ignore) })
        {
            if (!line.StartsWith(word, StringComparison.Ordinal) || line.Length == word.Length || !char.IsWhiteSpace(line[word.Length]))
            {
                continue;
            }

            var rest = line[word.Length..].Trim();
            if (action != PresetAction.Enable)
            {
                return new PresetRule(action, rest, [], file);
            }

            var words = InstallSection.Words(rest).ToArray();
            if (words.Length == 0)
            {
                return null;
            }

            // Instances are only allowed after a template name (systemd.preset(5) "enable getty@.service tty1 tty2").
            if (words.Length > 1 && !UnitName.IsValid(words[0], UnitNameForm.Template))
            {
                return null;
            }

            return new PresetRule(action, words[0], words[1..], file);
        }

        return null;
    }

    /// <summary>The first rule matching <paramref name="unit"/> and, for a template rule with instances, the instances to enable.</summary>
    public PresetRule? Query(string unit, out IReadOnlyList<string> instances)
    {
        instances = [];
        foreach (var rule in Rules)
        {
            if (rule.Instances.Count > 0 && UnitName.IsValid(unit, UnitNameForm.Template | UnitNameForm.Instance)
                && UnitName.Template(unit) == rule.Pattern)
            {
                if (UnitName.IsValid(unit, UnitNameForm.Template))
                {
                    instances = [.. rule.Instances.Select(i => UnitName.WithInstance(unit, i))];
                    return rule;
                }

                if (rule.Instances.Contains(UnitName.Instance(unit), StringComparer.Ordinal))
                {
                    return rule;
                }
            }

            if (UnitGlob.Match(rule.Pattern, unit))
            {
                return rule;
            }
        }

        return null;
    }
}
