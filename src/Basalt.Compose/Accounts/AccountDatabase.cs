using Basalt.Imaging.Tree;

namespace Basalt.Compose.Accounts;

/// <summary>
/// The image's user and group database (/etc/passwd, /etc/group, /etc/shadow, /etc/gshadow), built declaratively and
/// rootless: loaded from what the packages installed, extended by sysusers.d(5) files, rpm's user()/group() provides
/// and the image definition, then saved back into the tree. Entries already present keep their place; new entries
/// follow in creation order, so the same inputs always give the same files.
/// </summary>
public sealed partial class AccountDatabase
{
    private readonly List<PasswdEntry> _users = [];
    private readonly List<GroupEntry> _groups = [];
    private readonly List<ShadowEntry> _shadow = [];
    private readonly List<GShadowEntry> _gshadow = [];
    private readonly Dictionary<string, PasswdEntry> _usersByName = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, PasswdEntry> _usersById = [];
    private readonly Dictionary<string, GroupEntry> _groupsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, GroupEntry> _groupsById = [];
    private readonly Dictionary<string, ShadowEntry> _shadowByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GShadowEntry> _gshadowByName = new(StringComparer.Ordinal);

    /// <summary>The system id range of the image (its login.defs), for lines applied without the tree at hand.</summary>
    private (uint First, uint Last) _systemRange = (1, 999);

    private AccountDatabase()
    {
    }

    /// <summary>
    /// Parses the account files as the installed packages left them (Fedora's <c>setup</c> ships them); a missing file
    /// is empty. A malformed line throws <see cref="InvalidDataException"/> naming the file and line.
    /// </summary>
    public static AccountDatabase Load(FileTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var database = new AccountDatabase { _systemRange = LoginDefs.SystemRange(tree) };
        foreach (var user in AccountFiles.ReadPasswd(tree))
        {
            database.Insert(user);
        }

        foreach (var group in AccountFiles.ReadGroup(tree))
        {
            database.Insert(group);
        }

        foreach (var shadow in AccountFiles.ReadShadow(tree))
        {
            database.Insert(shadow);
        }

        foreach (var gshadow in AccountFiles.ReadGShadow(tree))
        {
            database.Insert(gshadow);
        }

        return database;
    }

    public uint? UidOf(string user) => _usersByName.TryGetValue(user, out var entry) ? entry.Uid : null;

    public uint? GidOf(string group) => _groupsByName.TryGetValue(group, out var entry) ? entry.Gid : null;

    /// <summary>The primary group id of <paramref name="user"/>, or null when there is no such user.</summary>
    public uint? PrimaryGidOf(string user) => _usersByName.TryGetValue(user, out var entry) ? entry.Gid : null;

    /// <summary>The name of the user with <paramref name="uid"/> (the first such line), or null.</summary>
    public string? UserNameOf(uint uid) => _usersById.TryGetValue(uid, out var entry) ? entry.Name : null;

    /// <summary>The name of the group with <paramref name="gid"/> (the first such line), or null.</summary>
    public string? GroupNameOf(uint gid) => _groupsById.TryGetValue(gid, out var entry) ? entry.Name : null;

    /// <summary>The members listed for <paramref name="group"/> in /etc/group (empty when there is no such group).</summary>
    public IReadOnlyList<string> MembersOf(string group) =>
        _groupsByName.TryGetValue(group, out var entry) ? entry.Members : [];

    /// <summary>User names in file order.</summary>
    public IReadOnlyList<string> UserNames => _users.ConvertAll(u => u.Name);

    /// <summary>Group names in file order.</summary>
    public IReadOnlyList<string> GroupNames => _groups.ConvertAll(g => g.Name);

    internal PasswdEntry? FindUser(string name) => _usersByName.GetValueOrDefault(name);

    internal GroupEntry? FindGroup(string name) => _groupsByName.GetValueOrDefault(name);

    internal ShadowEntry? FindShadow(string name) => _shadowByName.GetValueOrDefault(name);

    internal bool IsUidUsed(uint uid) => _usersById.ContainsKey(uid);

    internal bool IsGidUsed(uint gid) => _groupsById.ContainsKey(gid);

    /// <summary>Adds a user with a locked shadow entry ("!*", as systemd-sysusers writes for system users).</summary>
    internal PasswdEntry CreateUser(string name, uint uid, uint gid, string gecos, string home, string shell, string password = "!*")
    {
        var user = new PasswdEntry { Name = name, Uid = uid, Gid = gid, Gecos = gecos, Home = home, Shell = shell };
        Insert(user);
        if (!_shadowByName.ContainsKey(name))
        {
            Insert(ShadowEntry.Create(name, password));
        }

        return user;
    }

    /// <summary>Adds a group with a locked gshadow entry.</summary>
    internal GroupEntry CreateGroup(string name, uint gid)
    {
        var group = new GroupEntry { Name = name, Gid = gid };
        Insert(group);
        if (!_gshadowByName.ContainsKey(name))
        {
            Insert(new GShadowEntry { Name = name });
        }

        return group;
    }

    /// <summary>Lists <paramref name="user"/> as a member of <paramref name="group"/> (group and gshadow); false when already listed.</summary>
    internal bool AddMember(GroupEntry group, string user)
    {
        if (_gshadowByName.TryGetValue(group.Name, out var gshadow) && !gshadow.Members.Contains(user, StringComparer.Ordinal))
        {
            gshadow.Members.Add(user);
        }

        if (group.Members.Contains(user, StringComparer.Ordinal))
        {
            return false;
        }

        group.Members.Add(user);
        return true;
    }

    /// <summary>Sorts the member lists of <paramref name="group"/> (group and gshadow) in ordinal order.</summary>
    internal void SortMembers(GroupEntry group)
    {
        group.Members.Sort(StringComparer.Ordinal);
        if (_gshadowByName.TryGetValue(group.Name, out var gshadow))
        {
            gshadow.Members.Sort(StringComparer.Ordinal);
        }
    }

    /// <summary>Sets the shadow password of <paramref name="user"/>, creating its shadow entry when there is none.</summary>
    internal void SetPassword(string user, string password)
    {
        if (_shadowByName.TryGetValue(user, out var entry))
        {
            entry.Password = password;
            entry.LastChangeFromEpoch = true;
        }
        else
        {
            Insert(ShadowEntry.Create(user, password));
        }
    }

    internal void EnsureShadow(string user)
    {
        if (!_shadowByName.ContainsKey(user))
        {
            Insert(ShadowEntry.Create(user, "!*"));
        }
    }

    // A second line with a name already seen is kept in the file (written back as it was) but does not replace the
    // first in look-ups: the C library's getpwnam and getgrnam return the first match.
    private void Insert(PasswdEntry user)
    {
        _users.Add(user);
        _usersByName.TryAdd(user.Name, user);
        _usersById.TryAdd(user.Uid, user);
    }

    private void Insert(GroupEntry group)
    {
        _groups.Add(group);
        _groupsByName.TryAdd(group.Name, group);
        _groupsById.TryAdd(group.Gid, group);
    }

    private void Insert(ShadowEntry shadow)
    {
        _shadow.Add(shadow);
        _shadowByName.TryAdd(shadow.Name, shadow);
    }

    private void Insert(GShadowEntry gshadow)
    {
        _gshadow.Add(gshadow);
        _gshadowByName.TryAdd(gshadow.Name, gshadow);
    }
}
