using System.Globalization;
using Basalt.Compose.Definition;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Accounts;

public sealed partial class AccountDatabase
{
    /// <summary>Where ids of accounts the definition leaves to Basalt start (login.defs UID_MIN and GID_MIN on Fedora).</summary>
    private const uint FirstRegularId = 1000;

    /// <summary>
    /// Applies the definition's accounts: first the standard accounts it refers to that the image lacks (with the
    /// setup package's fixed ids, <see cref="SetupAccounts"/>), then its groups, then its users, each user with a
    /// private group of its own name. Every problem is collected and reported at once in a
    /// <see cref="DefinitionException"/> whose errors name the key (<c>users[2].uid</c>).
    /// </summary>
    public IReadOnlyList<string> ApplyDefinition(ImageDefinition definition, FileTree tree)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(tree);
        var notes = new List<string>();
        var errors = new List<DefinitionError>();
        AddReferencedStandardAccounts(definition, notes);
        for (var i = 0; i < definition.Groups.Count; i++)
        {
            ApplyGroup(definition.Groups[i], $"groups[{i}]", notes, errors);
        }

        for (var i = 0; i < definition.Users.Count; i++)
        {
            ApplyUser(definition.Users[i], $"users[{i}]", tree, notes, errors);
        }

        if (errors.Count > 0)
        {
            throw new DefinitionException(definition.Name, errors);
        }

        return notes;
    }

    private void ApplyGroup(GroupDefinition group, string path, List<string> notes, List<DefinitionError> errors)
    {
        if (FindGroup(group.Name) is { } existing)
        {
            if (group.Gid is { } wanted && wanted != existing.Gid)
            {
                errors.Add(new(path + ".gid", null, null, Invariant($"group '{group.Name}' already exists in the image with gid {existing.Gid}, not {wanted}")));
            }

            return;
        }

        uint gid;
        if (group.Gid is { } explicitGid)
        {
            gid = checked((uint)explicitGid);
            if (GroupNameOf(gid) is { } other)
            {
                errors.Add(new(path + ".gid", null, null, Invariant($"gid {gid} of group '{group.Name}' is already used by group '{other}'")));
                return;
            }
        }
        else
        {
            gid = FirstFree(id => !IsGidUsed(id));
        }

        CreateGroup(group.Name, gid);
        notes.Add(Invariant($"{path}: created group {group.Name} (gid {gid})"));
    }

    private void ApplyUser(UserDefinition user, string path, FileTree tree, List<string> notes, List<DefinitionError> errors)
    {
        var entry = FindUser(user.Name);
        if (entry is not null)
        {
            if (user.Uid is { } wanted && wanted != entry.Uid)
            {
                errors.Add(new(path + ".uid", null, null, Invariant($"user '{user.Name}' already exists in the image with uid {entry.Uid}, not {wanted}")));
                return;
            }

            UpdateExisting(entry, user);
        }
        else if (CreateDefinedUser(user, path, notes, errors) is { } created)
        {
            entry = created;
        }
        else
        {
            return;
        }

        for (var j = 0; j < user.Groups.Count; j++)
        {
            if (FindGroup(user.Groups[j]) is not { } group)
            {
                errors.Add(new($"{path}.groups[{j}]", null, null, $"group '{user.Groups[j]}' of user '{user.Name}' is neither defined in 'groups' nor present in the image"));
            }
            else if (AddMember(group, user.Name))
            {
                notes.Add($"{path}: added user {user.Name} to group {group.Name}");
            }
        }

        // '!' in front of a hash locks password login and keeps the hash (passwd -l); with no hash "!*" is written,
        // the locked-and-invalid value systemd-sysusers uses, which no password can match.
        if (user.PasswordHash is { } hash)
        {
            SetPassword(user.Name, user.Locked ? "!" + hash : hash);
        }
        else if (FindShadow(user.Name) is null)
        {
            SetPassword(user.Name, "!*");
        }

        CreateHome(tree, entry, user.SshAuthorizedKeys);
    }

    private PasswdEntry? CreateDefinedUser(UserDefinition user, string path, List<string> notes, List<DefinitionError> errors)
    {
        var ownGroup = FindGroup(user.Name);
        uint uid;
        if (user.Uid is { } explicitUid)
        {
            uid = checked((uint)explicitUid);
            if (UserNameOf(uid) is { } other)
            {
                errors.Add(new(path + ".uid", null, null, Invariant($"uid {uid} of user '{user.Name}' is already used by user '{other}'")));
                return null;
            }
        }
        else
        {
            // The same number for the user and its private group when one is free for both, as useradd does.
            uid = FirstFree(id => !IsUidUsed(id) && (ownGroup is not null || !IsGidUsed(id)));
        }

        if (ownGroup is null)
        {
            var gid = IsGidUsed(uid) ? FirstFree(id => !IsGidUsed(id)) : uid;
            ownGroup = CreateGroup(user.Name, gid);
        }

        var entry = CreateUser(user.Name, uid, ownGroup.Gid, "", user.Home, user.Shell);
        notes.Add(Invariant($"{path}: created user {user.Name} (uid {uid}, gid {ownGroup.Gid})"));
        return entry;
    }

    /// <summary>
    /// An account the image already has (root from setup): its ids stay. Home and shell change only when the definition
    /// sets them to something other than the loader's defaults, so naming root to give it keys does not move its home.
    /// </summary>
    private static void UpdateExisting(PasswdEntry entry, UserDefinition user)
    {
        if (user.Home != DefaultHome(user.Name))
        {
            entry.Home = user.Home;
        }

        if (user.Shell != "/bin/bash")
        {
            entry.Shell = user.Shell;
        }
    }

    private static string DefaultHome(string name) => name == "root" ? "/root" : $"/home/{name}";

    /// <summary>The home directory (0700, owned by the user) when missing, and ~/.ssh/authorized_keys when keys are given.</summary>
    private static void CreateHome(FileTree tree, PasswdEntry user, IReadOnlyList<string> keys)
    {
        const int PrivateDirectory = 0x1C0; // 0700
        const int PrivateFile = 0x180;      // 0600: sshd's StrictModes refuses keys others can write
        var home = EnsureDirectory(tree, user.Home, user, PrivateDirectory);
        if (keys.Count == 0 || home is null)
        {
            return;
        }

        var ssh = TreePath.Combine(user.Home, ".ssh");
        EnsureDirectory(tree, ssh, user, PrivateDirectory);
        var text = string.Concat(keys.Select(k => k + "\n"));
        tree.AddOrReplace(TreePath.Combine(ssh, "authorized_keys"), new RegularFileNode(System.Text.Encoding.UTF8.GetBytes(text), PrivateFile)
        {
            Uid = user.Uid,
            Gid = user.Gid,
            ModificationTime = tree.DefaultTimestamp,
        });
    }

    /// <summary>Creates <paramref name="path"/> owned by the user when absent; an existing directory keeps its owner and mode.</summary>
    private static DirectoryNode? EnsureDirectory(FileTree tree, string path, PasswdEntry user, int mode)
    {
        if (tree.TryGet(path, out var node))
        {
            return node as DirectoryNode;
        }

        var parent = path[..path.LastIndexOf('/')];
        if (parent.Length > 0)
        {
            tree.CreateDirectory(parent);
        }

        var directory = tree.AddDirectory(path, mode);
        directory.Uid = user.Uid;
        directory.Gid = user.Gid;
        return directory;
    }

    private static uint FirstFree(Func<uint, bool> free)
    {
        for (var id = FirstRegularId; id < uint.MaxValue; id++)
        {
            if (free(id))
            {
                return id;
            }
        }

        throw new InvalidOperationException("No free id is left above 1000.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
