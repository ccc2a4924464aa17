using System.Text.RegularExpressions;
using Basalt.Rpm.Metadata;

namespace Basalt.Compose.Install;

/// <summary>
/// Decides, for every scriptlet and trigger of a package, whether Basalt's declarative stages cover it (Replaced) or its
/// effect is missing from the image (Skipped). A body is Replaced only when every command in it is covered; the first
/// command that is not names the reason. The commands and what covers them are the data in <see cref="ScriptletRules"/>.
/// </summary>
internal static partial class ScriptletClassifier
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal)
    {
        "", "/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash", "sh", "bash",
    };

    /// <summary>Every scriptlet, then every trigger, of <paramref name="package"/>, classified.</summary>
    public static IEnumerable<ScriptletRecord> Classify(string nevra, RpmPackageInfo package)
    {
        foreach (var scriptlet in package.Scriptlets)
        {
            var interpreter = string.Join(' ', scriptlet.Interpreter);
            var (outcome, detail) = Classify(scriptlet.Interpreter, scriptlet.Body);
            yield return new ScriptletRecord(nevra, SectionName(scriptlet.Kind), interpreter, outcome, detail);
        }

        foreach (var trigger in package.Triggers)
        {
            var interpreter = trigger.Interpreter.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (outcome, detail) = Classify(interpreter, trigger.Body);
            yield return new ScriptletRecord(nevra, TriggerName(trigger), trigger.Interpreter, outcome, detail);
        }
    }

    /// <summary>Classifies one body run by <paramref name="interpreter"/> (program and arguments).</summary>
    public static (ScriptletOutcome Outcome, string Detail) Classify(IReadOnlyList<string> interpreter, string body)
    {
        var program = interpreter.Count == 0 ? "" : interpreter[0];
        if (program == "<lua>")
        {
            return ClassifyLua(body);
        }

        if (Shells.Contains(program))
        {
            return Combine(ShellCommands.Split(body));
        }

        // "%post -p /sbin/ldconfig": the interpreter is the command and the body is empty.
        if (string.IsNullOrWhiteSpace(body))
        {
            return Combine([new ShellCommand(interpreter, [])]);
        }

        return (ScriptletOutcome.Skipped, $"skipped: no declarative equivalent for a '{program}' script");
    }

    private static (ScriptletOutcome, string) Combine(IEnumerable<ShellCommand> commands)
    {
        var details = new List<string>();
        foreach (var command in commands)
        {
            var (outcome, detail) = Classify(command);
            if (outcome == ScriptletOutcome.Skipped)
            {
                return (outcome, detail ?? "");
            }

            if (detail is { } covered && !details.Contains(covered))
            {
                details.Add(covered);
            }
        }

        return (ScriptletOutcome.Replaced, details.Count == 0 ? ScriptletRules.NothingToDo : string.Join("; ", details));
    }

    /// <summary>One command: Skipped with a reason, Replaced with what covers it, or Replaced with null when it changes nothing.</summary>
    private static (ScriptletOutcome Outcome, string? Detail) Classify(ShellCommand command)
    {
        var name = command.Words[0];
        if (command.Writes.Count > 0)
        {
            return (ScriptletOutcome.Skipped, $"skipped: no declarative equivalent for '{name}' writing '{command.Writes[0]}'");
        }

        if (ScriptletRules.Neutral.Contains(name))
        {
            return (ScriptletOutcome.Replaced, null);
        }

        if (ScriptletRules.Find(command.Words) is { } rule)
        {
            var display = rule.Argument is null ? rule.Command : $"{rule.Command} {rule.Argument}";
            return rule.Outcome == ScriptletOutcome.Replaced
                ? (ScriptletOutcome.Replaced, rule.Detail)
                : (ScriptletOutcome.Skipped, $"skipped: '{display}' {rule.Detail}");
        }

        var shown = Path.GetFileName(name) is "systemctl" or "systemd-update-helper" or "udevadm" && command.Words.Count > 1
            ? $"{name} {command.Words.Skip(1).FirstOrDefault(w => !w.StartsWith('-')) ?? ""}".TrimEnd()
            : name;
        return (ScriptletOutcome.Skipped, $"skipped: no declarative equivalent for '{shown}'");
    }

    /// <summary>Lua bodies: only calls that run a program (rpm.execute, os.execute, posix.exec) are understood.</summary>
    private static (ScriptletOutcome, string) ClassifyLua(string body)
    {
        var commands = new List<ShellCommand>();
        foreach (var raw in body.Split('\n'))
        {
            var comment = raw.IndexOf("--", StringComparison.Ordinal);
            var line = (comment >= 0 ? raw[..comment] : raw).Trim().TrimEnd(';');
            if (line.Length == 0)
            {
                continue;
            }

            var match = LuaExecute().Match(line);
            if (!match.Success)
            {
                return (ScriptletOutcome.Skipped, $"skipped: no declarative equivalent for Lua code '{line}'");
            }

            var words = LuaString().Matches(match.Groups["args"].Value).Select(m => m.Groups["s"].Value).ToList();
            if (match.Groups["fn"].Value == "os.execute" && words.Count == 1)
            {
                commands.AddRange(ShellCommands.Split(words[0]));
                continue;
            }

            if (words.Count == 0)
            {
                return (ScriptletOutcome.Skipped, $"skipped: no declarative equivalent for Lua code '{line}'");
            }

            commands.Add(new ShellCommand(words, []));
        }

        return Combine(commands);
    }

    internal static string SectionName(RpmScriptletKind kind) => kind switch
    {
        RpmScriptletKind.PreTrans => "%pretrans",
        RpmScriptletKind.Pre => "%pre",
        RpmScriptletKind.Post => "%post",
        RpmScriptletKind.PreUn => "%preun",
        RpmScriptletKind.PostUn => "%postun",
        RpmScriptletKind.PostTrans => "%posttrans",
        RpmScriptletKind.PreUnTrans => "%preuntrans",
        RpmScriptletKind.PostUnTrans => "%postuntrans",
        RpmScriptletKind.Verify => "%verifyscript",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown scriptlet kind."),
    };

    internal static string TriggerName(RpmTrigger trigger)
    {
        var family = trigger.Scope switch
        {
            RpmTriggerScope.Package => "%trigger",
            RpmTriggerScope.File => "%filetrigger",
            _ => "%transfiletrigger",
        };
        var when = trigger.Kind switch
        {
            RpmTriggerKind.PreIn => "prein",
            RpmTriggerKind.In => "in",
            RpmTriggerKind.Un => "un",
            _ => "postun",
        };
        return $"{family}{when}({string.Join(", ", trigger.Conditions.Select(c => c.Name))})";
    }

    [GeneratedRegex(@"^(?<fn>rpm\.execute|os\.execute|posix\.exec)\s*\((?<args>.*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex LuaExecute();

    [GeneratedRegex(@"""(?<s>[^""]*)""|'(?<s>[^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex LuaString();
}
