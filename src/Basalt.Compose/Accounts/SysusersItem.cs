namespace Basalt.Compose.Accounts;

/// <summary>The sysusers.d(5) line types Basalt applies.</summary>
internal enum SysusersType
{
    /// <summary><c>u</c> (and <c>u!</c>): a system user and, unless told otherwise, its group.</summary>
    User,

    /// <summary><c>g</c>: a system group.</summary>
    Group,

    /// <summary><c>m</c>: a user in a group.</summary>
    Member,

    /// <summary><c>r</c>: an id range system ids are allocated from.</summary>
    Range,
}

/// <summary>
/// One parsed sysusers.d line. Mutable like systemd-sysusers' own item: processing records the ids it settles on, and
/// a user's line is consulted again for its group.
/// </summary>
internal sealed class SysusersItem
{
    public required SysusersType Type { get; init; }

    /// <summary>The user or group name; for <c>m</c> the user; for <c>r</c> "-".</summary>
    public required string Name { get; init; }

    /// <summary>Where the line came from, for notes and errors: "'/usr/lib/sysusers.d/x.conf' line 3" or a package.</summary>
    public required string Source { get; init; }

    public uint? Uid { get; set; }

    public uint? Gid { get; set; }

    /// <summary>"u NAME UID:GID": the group id was given, so it must exist or be created with exactly that id.</summary>
    public bool StrictId { get; set; }

    /// <summary>"u NAME UID:GROUP": the primary group by name; it must exist.</summary>
    public string? GroupName { get; init; }

    /// <summary>"u NAME /path" or "g NAME /path": take the id from the owner of that file in the tree.</summary>
    public string? IdPath { get; init; }

    public string? Description { get; init; }

    public string? Home { get; init; }

    public string? Shell { get; init; }

    /// <summary>For <c>m</c>: the group name.</summary>
    public string? MemberOf { get; init; }

    /// <summary>For <c>r</c>: the first and last id of the range.</summary>
    public (uint First, uint Last) Range { get; init; }

    /// <summary>
    /// <c>u!</c> (systemd 257): the account is locked as a whole, not only its password: the shadow expiry date is
    /// day 1, as usermod(8) -L recommends.
    /// </summary>
    public bool FullyLocked { get; init; }

    /// <summary>Set when processing created this group (systemd's todo_group).</summary>
    public bool CreatedGroup { get; set; }
}
