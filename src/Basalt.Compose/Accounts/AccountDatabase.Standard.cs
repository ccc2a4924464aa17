using Basalt.Compose.Definition;

namespace Basalt.Compose.Accounts;

public sealed partial class AccountDatabase
{
    /// <summary>
    /// Standard accounts (<see cref="StandardAccounts"/>) the definition refers to — as a user it configures, a user's
    /// group, or a file's owner or group — and the image lacks, created with setup's fixed ids (a user with its primary
    /// group). A standard group without a reserved id, or whose id another group holds, is allocated as a system group.
    /// </summary>
    private void AddReferencedStandardAccounts(ImageDefinition definition, List<string> notes)
    {
        var definedGroups = definition.Groups.Select(g => g.Name).Concat(definition.Users.Select(u => u.Name)).ToHashSet(StringComparer.Ordinal);
        var users = definition.Users.Select(u => u.Name).Concat(definition.Files.Select(f => f.Owner))
            .Where(StandardAccounts.Users.Contains).ToHashSet(StringComparer.Ordinal);
        var groups = definition.Users.SelectMany(u => u.Groups).Concat(definition.Files.Select(f => f.Group))
            .Where(g => StandardAccounts.Groups.Contains(g) && !definedGroups.Contains(g)).ToHashSet(StringComparer.Ordinal);
        foreach (var user in SetupAccounts.Users.Where(u => users.Contains(u.Name) && FindUser(u.Name) is null))
        {
            groups.Add(SetupAccounts.Groups.FirstOrDefault(g => g.Value == user.Gid).Key ?? user.Name);
        }

        var lines = new List<SysusersItem>();
        foreach (var (name, gid) in SetupAccounts.Groups.Where(g => groups.Contains(g.Key) && FindGroup(g.Key) is null))
        {
            lines.Add(new SysusersItem { Type = SysusersType.Group, Name = name, Gid = gid, Source = "standard account" });
        }

        foreach (var user in SetupAccounts.Users.Where(u => users.Contains(u.Name) && FindUser(u.Name) is null))
        {
            lines.Add(new SysusersItem
            {
                Type = SysusersType.User, Name = user.Name, Uid = user.Uid, Gid = user.Gid, StrictId = true, Source = "standard account",
                Description = user.Gecos, Home = user.Home, Shell = user.Shell,
            });
        }

        notes.AddRange(new SysusersRun(this, null, _systemRange, lines).Apply());
    }
}
