namespace Basalt.Compose.Install;

/// <summary>
/// One command Basalt knows how a scriptlet uses. <paramref name="Argument"/> narrows the rule: an option ("--create") must
/// appear among the arguments, a word ("preset") must be the first non-option argument; null matches any use.
/// </summary>
internal sealed record ScriptletRule(string Command, string? Argument, ScriptletOutcome Outcome, string Detail);

/// <summary>The table of commands with a declarative equivalent (or none needed), consulted in order.</summary>
internal static class ScriptletRules
{
    public const string NothingToDo = "nothing to do";
    public const string Accounts = "sysusers.d and user()/group() provides → /etc/passwd, /etc/group, /etc/shadow, /etc/gshadow";
    public const string Presets = "systemd presets → enablement symlinks";
    public const string LdConfig = "/etc/ld.so.cache written by Basalt";
    private const string Tmpfiles = "tmpfiles.d applied at boot by systemd-tmpfiles-setup.service";
    private const string Sysctl = "sysctl.d applied at boot by systemd-sysctl.service";
    private const string Udev = "udev rules and hwdb loaded at boot by systemd-udevd and systemd-hwdb-update.service";
    private const string Reload = "unit files are loaded when the image boots";
    private const string Running = "needs a running system, and none runs while an image is built";

    /// <summary>Shell built-ins and read-only checks: they change nothing in the image.</summary>
    public static readonly IReadOnlySet<string> Neutral = new HashSet<string>(StringComparer.Ordinal)
    {
        ":", "true", "false", "exit", "return", "[", "[[", "test", "echo", "printf", "command", "type", "set", "shift",
        "export", "local", "unset", "break", "continue", "readonly", "which",
    };

    public static readonly IReadOnlyList<ScriptletRule> Rules =
    [
        new("useradd", null, ScriptletOutcome.Replaced, Accounts),
        new("groupadd", null, ScriptletOutcome.Replaced, Accounts),
        new("getent", null, ScriptletOutcome.Replaced, Accounts),
        new("systemd-sysusers", null, ScriptletOutcome.Replaced, Accounts),
        new("ldconfig", null, ScriptletOutcome.Replaced, LdConfig),
        new("systemctl", "preset", ScriptletOutcome.Replaced, Presets),
        new("systemctl", "preset-all", ScriptletOutcome.Replaced, Presets),
        new("systemctl", "enable", ScriptletOutcome.Replaced, Presets),
        new("systemctl", "disable", ScriptletOutcome.Replaced, Presets),
        new("systemctl", "reenable", ScriptletOutcome.Replaced, Presets),
        new("systemctl", "daemon-reload", ScriptletOutcome.Replaced, Reload),
        new("systemctl", "daemon-reexec", ScriptletOutcome.Replaced, Reload),
        new("systemctl", "try-restart", ScriptletOutcome.Skipped, Running),
        new("systemctl", "restart", ScriptletOutcome.Skipped, Running),
        new("systemctl", "reload", ScriptletOutcome.Skipped, Running),
        new("systemctl", "reload-or-restart", ScriptletOutcome.Skipped, Running),
        new("systemctl", "try-reload-or-restart", ScriptletOutcome.Skipped, Running),
        new("systemctl", "condrestart", ScriptletOutcome.Skipped, Running),
        new("systemctl", "start", ScriptletOutcome.Skipped, Running),
        new("systemctl", "stop", ScriptletOutcome.Skipped, Running),
        new("systemctl", "is-active", ScriptletOutcome.Skipped, Running),
        // The expansions of %systemd_post, %systemd_preun and %systemd_postun(_with_restart) in systemd >= 249.
        new("systemd-update-helper", "install-system-units", ScriptletOutcome.Replaced, Presets),
        new("systemd-update-helper", "install-user-units", ScriptletOutcome.Replaced, Presets),
        new("systemd-update-helper", "remove-system-units", ScriptletOutcome.Replaced, Presets),
        new("systemd-update-helper", "remove-user-units", ScriptletOutcome.Replaced, Presets),
        new("systemd-update-helper", "system-reload", ScriptletOutcome.Replaced, Reload),
        new("systemd-update-helper", "user-reload", ScriptletOutcome.Replaced, Reload),
        new("systemd-update-helper", "mark-restart-system-units", ScriptletOutcome.Skipped, Running),
        new("systemd-update-helper", "mark-reload-system-units", ScriptletOutcome.Skipped, Running),
        new("systemd-update-helper", "mark-restart-user-units", ScriptletOutcome.Skipped, Running),
        new("systemd-update-helper", "mark-reload-user-units", ScriptletOutcome.Skipped, Running),
        new("systemd-update-helper", "system-reload-restart", ScriptletOutcome.Skipped, Running),
        new("systemd-update-helper", "user-reload-restart", ScriptletOutcome.Skipped, Running),
        new("systemd-tmpfiles", "--create", ScriptletOutcome.Replaced, Tmpfiles),
        new("systemd-sysctl", null, ScriptletOutcome.Replaced, Sysctl),
        new("udevadm", "hwdb", ScriptletOutcome.Replaced, Udev),
        new("udevadm", "trigger", ScriptletOutcome.Replaced, Udev),
        new("udevadm", "control", ScriptletOutcome.Replaced, Udev),
        new("udevadm", "settle", ScriptletOutcome.Replaced, Udev),
        new("systemd-hwdb", "update", ScriptletOutcome.Replaced, Udev),
    ];

    /// <summary>The first rule for <paramref name="words"/> (command and arguments), or null when none applies.</summary>
    public static ScriptletRule? Find(IReadOnlyList<string> words)
    {
        var command = Path.GetFileName(words[0]);
        var firstWord = words.Skip(1).FirstOrDefault(w => !w.StartsWith('-'));
        foreach (var rule in Rules)
        {
            if (rule.Command != command)
            {
                continue;
            }

            if (rule.Argument is null
                || (rule.Argument.StartsWith('-') ? words.Skip(1).Contains(rule.Argument) : rule.Argument == firstWord))
            {
                return rule;
            }
        }

        return null;
    }
}
