namespace Basalt.Compose.Accounts;

/// <summary>
/// The fixed ids of Fedora's standard accounts, for images whose packages do not ship them but whose definition refers
/// to them. Users and the first groups are those of the <c>setup</c> package's /etc/passwd and /etc/group (the
/// static part of its uidgid table, https://pagure.io/setup/blob/master/f/uidgid); utmp (22), kvm (36) and
/// systemd-journal (190) are reservations from the same uidgid table that Fedora's systemd builds with. input,
/// render and sgx have no reserved id: Fedora's systemd creates them dynamically (basic.conf "g input - -"), so
/// they are allocated like any sysusers.d group.
/// </summary>
internal static class SetupAccounts
{
    public sealed record User(string Name, uint Uid, uint Gid, string Gecos, string Home, string Shell);

    public static readonly IReadOnlyList<User> Users =
    [
        new("root", 0, 0, "Super User", "/root", "/bin/bash"),
        new("bin", 1, 1, "bin", "/bin", "/usr/sbin/nologin"),
        new("daemon", 2, 2, "daemon", "/sbin", "/usr/sbin/nologin"),
        new("adm", 3, 4, "adm", "/var/adm", "/usr/sbin/nologin"),
        new("lp", 4, 7, "lp", "/var/spool/lpd", "/usr/sbin/nologin"),
        new("sync", 5, 0, "sync", "/sbin", "/bin/sync"),
        new("shutdown", 6, 0, "shutdown", "/sbin", "/sbin/shutdown"),
        new("halt", 7, 0, "halt", "/sbin", "/sbin/halt"),
        new("mail", 8, 12, "mail", "/var/spool/mail", "/usr/sbin/nologin"),
        new("operator", 11, 0, "operator", "/root", "/usr/sbin/nologin"),
        new("games", 12, 100, "games", "/usr/games", "/usr/sbin/nologin"),
        new("ftp", 14, 50, "FTP User", "/var/ftp", "/usr/sbin/nologin"),
        new("nobody", 65534, 65534, "Kernel Overflow User", "/", "/usr/sbin/nologin"),
    ];

    /// <summary>Group name to gid; null for a standard group without a reserved id.</summary>
    public static readonly IReadOnlyDictionary<string, uint?> Groups = new Dictionary<string, uint?>(StringComparer.Ordinal)
    {
        ["root"] = 0, ["bin"] = 1, ["daemon"] = 2, ["sys"] = 3, ["adm"] = 4, ["tty"] = 5, ["disk"] = 6, ["lp"] = 7,
        ["mem"] = 8, ["kmem"] = 9, ["wheel"] = 10, ["cdrom"] = 11, ["mail"] = 12, ["man"] = 15, ["dialout"] = 18,
        ["floppy"] = 19, ["games"] = 20, ["utmp"] = 22, ["tape"] = 33, ["kvm"] = 36, ["video"] = 39, ["ftp"] = 50,
        ["lock"] = 54, ["audio"] = 63, ["users"] = 100, ["systemd-journal"] = 190, ["nobody"] = 65534,
        ["input"] = null, ["render"] = null, ["sgx"] = null,
    };

    public static User? FindUser(string name) => Users.FirstOrDefault(u => u.Name == name);
}
