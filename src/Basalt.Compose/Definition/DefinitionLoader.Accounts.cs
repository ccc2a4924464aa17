using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Basalt.Compose.Definition;

/// <summary>Groups and users: names, ids, cross-references, passwords and SSH keys.</summary>
public static partial class DefinitionLoader
{
    /// <summary>systemd's system (1–999) and regular (1000–60000) ranges; higher ids belong to containers and dynamic users.</summary>
    private const long MaxId = 60000;

    private sealed record Accounts(List<GroupDefinition> Groups, List<UserDefinition> Users)
    {
        public bool HasUser(string name) => StandardAccounts.Users.Contains(name) || Users.Any(u => u.Name == name);

        /// <summary>Every user has a private group of its own name.</summary>
        public bool HasGroup(string name) =>
            StandardAccounts.Groups.Contains(name) || Groups.Any(g => g.Name == name) || Users.Any(u => u.Name == name);
    }

    private static Accounts ReadAccounts(DefinitionReader reader, YamlMappingNode root)
    {
        var groups = new List<GroupDefinition>();
        var gids = new Dictionary<long, string>();
        foreach (var (node, path) in reader.MappingItems(root, "groups", ""))
        {
            reader.CheckKeys(node, path, DefinitionKeys.Group);
            var name = AccountName(reader, node, path, groups.Select(g => g.Name), "group");
            var gid = UniqueId(reader, node, path, "gid", name, gids);
            groups.Add(new GroupDefinition { Name = name ?? "", Gid = gid });
        }

        var users = new List<UserDefinition>();
        var uids = new Dictionary<long, string>();
        var userNodes = reader.MappingItems(root, "users", "");
        foreach (var (node, path) in userNodes)
        {
            reader.CheckKeys(node, path, DefinitionKeys.User);
            var name = AccountName(reader, node, path, users.Select(u => u.Name), "user");
            var uid = UniqueId(reader, node, path, "uid", name, uids);
            users.Add(ReadUser(reader, node, path, name, uid));
        }

        var accounts = new Accounts(groups, users);

        // Cross-references are checked once every group and user is known, so order in the file does not matter.
        foreach (var (node, path) in userNodes)
        {
            foreach (var (group, item, itemPath) in reader.TextItems(node, "groups", path))
            {
                if (!accounts.HasGroup(group))
                {
                    reader.Errors.Add(itemPath, item, $"group '{group}' is neither defined in 'groups' nor a standard group");
                }
            }
        }

        return accounts;
    }

    private static string? AccountName(DefinitionReader reader, YamlMappingNode node, string path, IEnumerable<string> earlier, string kind)
    {
        var keyPath = DefinitionReader.Join(path, "name");
        var name = Checked(reader, DefinitionReader.Get(node, "name")!, keyPath, reader.Text(node, "name", path, required: true), Syntax.AccountName().IsMatch,
            $"is not a valid {kind} name (lower-case letters, digits, _ and -, starting with a letter or _, at most 31 characters)");
        if (name is not null && earlier.Contains(name, StringComparer.Ordinal))
        {
            reader.Errors.Add(keyPath, DefinitionReader.Get(node, "name"), $"{kind} '{name}' is defined twice");
        }

        return name;
    }

    private static long? UniqueId(DefinitionReader reader, YamlMappingNode node, string path, string key, string? name, Dictionary<long, string> seen)
    {
        var id = reader.Integer(node, key, path, 0, MaxId);
        var keyPath = DefinitionReader.Join(path, key);
        if (id is not { } value)
        {
            return null;
        }

        if ((value == 0) != (name == "root") && name is not null)
        {
            reader.Errors.Add(keyPath, DefinitionReader.Get(node, key), value == 0 ? $"{key} 0 is reserved for root" : $"root's {key} must be 0");
        }

        if (seen.TryGetValue(value, out var other))
        {
            reader.Errors.Add(keyPath, DefinitionReader.Get(node, key), string.Create(CultureInfo.InvariantCulture, $"{key} {value} is already used by '{other}'"));
        }
        else
        {
            seen[value] = name ?? "";
        }

        return value;
    }

    private static UserDefinition ReadUser(DefinitionReader reader, YamlMappingNode node, string path, string? name, long? uid)
    {
        var home = AbsolutePath(reader, node, "home", path) ?? (name == "root" ? "/root" : $"/home/{name}");
        var shell = AbsolutePath(reader, node, "shell", path) ?? "/bin/bash";
        var hash = reader.Text(node, "password_hash", path);
        if (hash is not null && !Syntax.PasswordHash().IsMatch(hash))
        {
            // The value is a secret: the message describes it without echoing it.
            reader.Errors.Add(DefinitionReader.Join(path, "password_hash"), DefinitionReader.Get(node, "password_hash"),
                "is not a crypt(5) hash of a current algorithm ($y$, $gy$, $7$, $2b$, $6$ or $5$); generate one with mkpasswd or openssl passwd -6");
            hash = null;
        }

        var locked = reader.Boolean(node, "locked", path);
        if (locked == false && DefinitionReader.Get(node, "password_hash") is null)
        {
            reader.Errors.Add(DefinitionReader.Join(path, "locked"), DefinitionReader.Get(node, "locked"),
                "false needs a password_hash (an empty password is never written)");
        }

        var keys = new List<string>();
        foreach (var (key, item, itemPath) in reader.TextItems(node, "ssh_authorized_keys", path))
        {
            if (SshKeys.Check(key) is { } problem)
            {
                reader.Errors.Add(itemPath, item, problem);
                continue;
            }

            keys.Add(key);
        }

        return new UserDefinition
        {
            Name = name ?? "",
            Uid = uid,
            Groups = reader.TextItems(node, "groups", path).Select(g => g.Text).ToList(),
            Home = home,
            Shell = shell,
            PasswordHash = hash,
            Locked = locked ?? DefinitionReader.Get(node, "password_hash") is null,
            SshAuthorizedKeys = keys,
        };
    }

    private static string? AbsolutePath(DefinitionReader reader, YamlMappingNode node, string key, string path) =>
        Checked(reader, DefinitionReader.Get(node, key)!, DefinitionReader.Join(path, key), reader.Text(node, key, path), Syntax.IsNormalisedAbsolutePath,
            "is not a normalised absolute path (starts with /, no empty, . or .. segments, no trailing /)");
}
