using System.Globalization;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Accounts;

/// <summary>
/// One systemd-sysusers invocation over a set of lines, following its documented order and allocation rules
/// (sysusers.d(5), systemd-sysusers(8)): duplicate names keep the first line; "m" lines add implicit users and groups;
/// every "g" line is processed before any "u" line; a user's group is created just before the user; ids are
/// allocated downward from the top of the range with one cursor shared by users and groups, and an allocated uid is
/// also free as a gid (and vice versa) unless that id belongs to the same name, so a user and its group get the same id.
/// Accounts that already exist are kept as they are.
/// </summary>
internal sealed partial class SysusersRun
{
    private readonly AccountDatabase _database;
    private readonly FileTree? _tree;
    private readonly List<(uint First, uint Last)> _ranges;
    private readonly List<string> _notes = [];
    private uint _cursor = uint.MaxValue;

    public SysusersRun(AccountDatabase database, FileTree? tree, (uint First, uint Last) defaultRange, IEnumerable<SysusersItem> items)
    {
        _database = database;
        _tree = tree;
        var users = new Dictionary<string, SysusersItem>(StringComparer.Ordinal);
        var groups = new Dictionary<string, SysusersItem>(StringComparer.Ordinal);
        var userOrder = new List<SysusersItem>();
        var groupOrder = new List<SysusersItem>();
        var ranges = new List<(uint, uint)>();
        foreach (var item in items)
        {
            switch (item.Type)
            {
                case SysusersType.User when users.TryAdd(item.Name, item):
                    userOrder.Add(item);
                    break;
                case SysusersType.Group when groups.TryAdd(item.Name, item):
                    groupOrder.Add(item);
                    break;
                case SysusersType.Member:
                    Members.Add(item);
                    break;
                case SysusersType.Range:
                    ranges.Add(item.Range);
                    break;
                default:
                    break; // a later line for a name already configured: systemd ignores it ("conflict with earlier configuration")
            }
        }

        // "m" lines name users and groups that need not be configured elsewhere: they are created implicitly, after the rest.
        foreach (var member in Members)
        {
            if (!users.ContainsKey(member.Name))
            {
                users[member.Name] = Implicit(SysusersType.User, member.Name, member.Source);
                userOrder.Add(users[member.Name]);
            }

            if (!users.ContainsKey(member.MemberOf!) && !groups.ContainsKey(member.MemberOf!))
            {
                groups[member.MemberOf!] = Implicit(SysusersType.Group, member.MemberOf!, member.Source);
                groupOrder.Add(groups[member.MemberOf!]);
            }
        }

        Users = userOrder;
        Groups = groups;
        GroupOrder = groupOrder;
        _ranges = ranges.Count > 0 ? Merge(ranges) : [defaultRange];
    }

    private List<SysusersItem> Members { get; } = [];

    private List<SysusersItem> Users { get; }

    private Dictionary<string, SysusersItem> Groups { get; }

    private List<SysusersItem> GroupOrder { get; }

    /// <summary>Applies the lines; returns one note per account created, membership added, or line skipped.</summary>
    public IReadOnlyList<string> Apply()
    {
        foreach (var group in GroupOrder)
        {
            AddGroup(group);
        }

        foreach (var user in Users)
        {
            ProcessUser(user);
        }

        var changed = new List<GroupEntry>();
        foreach (var member in Members)
        {
            if (_database.FindGroup(member.MemberOf!) is { } group && _database.AddMember(group, member.Name))
            {
                _notes.Add($"{member.Source}: added user {member.Name} to group {group.Name}");
                changed.Add(group);
            }
        }

        // systemd-sysusers sorts a group's whole member list (strcmp order) when it adds to it.
        foreach (var group in changed.Distinct())
        {
            _database.SortMembers(group);
        }

        return _notes;
    }

    private void ProcessUser(SysusersItem user)
    {
        var sameNameGroup = user.Gid is null ? Groups.GetValueOrDefault(user.GroupName ?? user.Name) : null;
        if (sameNameGroup is { CreatedGroup: true })
        {
            user.Gid = sameNameGroup.Gid;
            user.StrictId = true;
        }
        else if (user.GroupName is not null)
        {
            if (_database.GidOf(user.GroupName) is not { } gid)
            {
                _notes.Add($"{user.Source}: skipped user {user.Name}: its group {user.GroupName} does not exist");
                return;
            }

            user.Gid = gid;
            user.StrictId = true;
        }
        else if (!AddGroup(user))
        {
            return;
        }

        AddUser(user);
    }


    private static SysusersItem Implicit(SysusersType type, string name, string source) =>
        new() { Type = type, Name = name, Source = source };

    private static List<(uint First, uint Last)> Merge(List<(uint First, uint Last)> ranges)
    {
        ranges.Sort();
        var merged = new List<(uint First, uint Last)>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.First <= (ulong)merged[^1].Last + 1)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, range.Last));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
