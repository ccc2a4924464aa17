namespace Basalt.Compose.Definition;

/// <summary>
/// Users and groups every Fedora-family image has without the definition creating them: the static ones of the
/// <c>setup</c> package (/usr/share/doc/setup/uidgid) and those systemd's basic.conf sysusers.d creates.
/// A definition may refer to these by name (a user's groups, a file's owner) and may redefine them (root's keys).
/// </summary>
internal static class StandardAccounts
{
    public static readonly IReadOnlySet<string> Users = new HashSet<string>(StringComparer.Ordinal)
    {
        "root", "bin", "daemon", "adm", "lp", "sync", "shutdown", "halt", "mail", "operator", "games", "ftp", "nobody",
    };

    public static readonly IReadOnlySet<string> Groups = new HashSet<string>(StringComparer.Ordinal)
    {
        "root", "bin", "daemon", "sys", "adm", "tty", "disk", "lp", "mem", "kmem", "wheel", "cdrom", "mail", "man",
        "dialout", "floppy", "games", "utmp", "tape", "video", "ftp", "lock", "audio", "users", "nobody",
        "systemd-journal", "input", "kvm", "render", "sgx",
    };
}
