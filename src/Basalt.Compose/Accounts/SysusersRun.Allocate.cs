using System.Globalization;

namespace Basalt.Compose.Accounts;

/// <summary>Creating one group or user: which id it gets (sysusers.c add_group, add_user, uid_is_ok, gid_is_ok).</summary>
internal sealed partial class SysusersRun
{
    /// <summary>False when the line cannot be applied (a required gid that no group has).</summary>
    private bool AddGroup(SysusersItem item)
    {
        if (_database.GidOf(item.Name) is { } existing)
        {
            item.Gid = existing;
            return true;
        }

        if (item.Gid is { } wanted)
        {
            var free = GidIsFree(wanted, item.Name, checkUsers: false);
            if (item.StrictId)
            {
                // "u NAME UID:GID" names an existing group by id: nothing to create, and nothing to create it from.
                if (free)
                {
                    _notes.Add(string.Create(CultureInfo.InvariantCulture, $"{item.Source}: skipped user {item.Name}: no group has gid {wanted}"));
                    return false;
                }

                return true;
            }

            if (!free)
            {
                item.Gid = null;
            }
        }

        if (item.Gid is null && item.Uid is { } uid && GidIsFree(uid, item.Name, checkUsers: true))
        {
            item.Gid = uid;
        }

        if (item.Gid is null && OwnerOf(item.IdPath, group: true) is { } owner && GidIsFree(owner, item.Name, checkUsers: true))
        {
            item.Gid = owner;
        }

        while (item.Gid is null)
        {
            if (NextLower() is not { } candidate)
            {
                _notes.Add($"{item.Source}: skipped group {item.Name}: no free id is left in the system range");
                return false;
            }

            if (GidIsFree(candidate, item.Name, checkUsers: true))
            {
                item.Gid = candidate;
            }
        }

        _database.CreateGroup(item.Name, item.Gid.Value);
        item.CreatedGroup = true;
        _notes.Add(string.Create(CultureInfo.InvariantCulture, $"{item.Source}: created group {item.Name} (gid {item.Gid})"));
        return true;
    }

    private void AddUser(SysusersItem item)
    {
        if (_database.UidOf(item.Name) is not null)
        {
            return;
        }

        if (item.Uid is { } wanted && !UidIsFree(wanted, item.Name, checkGroups: !item.StrictId))
        {
            item.Uid = null;
        }

        if (item.Uid is null && OwnerOf(item.IdPath, group: false) is { } owner && UidIsFree(owner, item.Name, checkGroups: true))
        {
            item.Uid = owner;
        }

        if (item.Uid is null && item.Gid is { } gid && UidIsFree(gid, item.Name, checkGroups: true))
        {
            item.Uid = gid;
        }

        while (item.Uid is null)
        {
            if (NextLower() is not { } candidate)
            {
                _notes.Add($"{item.Source}: skipped user {item.Name}: no free id is left in the system range");
                return;
            }

            if (UidIsFree(candidate, item.Name, checkGroups: true))
            {
                item.Uid = candidate;
            }
        }

        var uid = item.Uid.Value;
        _database.CreateUser(item.Name, uid, item.Gid!.Value, item.Description ?? "",
            item.Home ?? "/", item.Shell ?? (uid == 0 ? "/bin/sh" : "/usr/sbin/nologin"));
        if (item.FullyLocked && _database.FindShadow(item.Name) is { } shadow)
        {
            shadow.Fields[ShadowEntry.ExpireField] = "1";
        }

        _notes.Add(string.Create(CultureInfo.InvariantCulture, $"{item.Source}: created user {item.Name} (uid {uid}, gid {item.Gid})"));
    }

    private bool UidIsFree(uint uid, string name, bool checkGroups) =>
        !_database.IsUidUsed(uid) && (!checkGroups || _database.GroupNameOf(uid) is not { } group || group == name);

    private bool GidIsFree(uint gid, string name, bool checkUsers) =>
        !_database.IsGidUsed(gid) && (!checkUsers || _database.UserNameOf(gid) is not { } user || user == name);

    /// <summary>
    /// The owner of a file named in "u NAME /path": systemd stats the file under --root. Here the tree's owner is used;
    /// root (0) and ids outside the ranges are not suitable, like systemd. Files unpacked from RPMs are owned by what
    /// their headers name, so a file owned by a user that does not exist yet is root's and the id is allocated instead.
    /// </summary>
    private uint? OwnerOf(string? path, bool group)
    {
        if (path is null || _tree is null || !_tree.TryGet(path, out var node))
        {
            return null;
        }

        var id = group ? node.Gid : node.Uid;
        return id > 0 && _ranges.Any(r => id >= r.First && id <= r.Last) ? id : null;
    }

    /// <summary>
    /// systemd's uid_range_next_lower: the next id below the cursor inside a range, else the top of the next range down;
    /// null when the ranges are used up (systemd then logs "No free user ID available", skips the line and goes on).
    /// </summary>
    private uint? NextLower()
    {
        var candidate = _cursor - 1;
        uint? closest = null;
        foreach (var (first, last) in _ranges)
        {
            if (candidate >= first && candidate <= last)
            {
                return _cursor = candidate;
            }

            if (last < candidate)
            {
                closest = last;
            }
        }

        if (closest is null || _cursor == 0)
        {
            return null;
        }

        return _cursor = closest.Value;
    }
}
