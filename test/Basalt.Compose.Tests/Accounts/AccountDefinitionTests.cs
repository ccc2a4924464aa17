using Basalt.Compose.Accounts;
using Basalt.Compose.Definition;
using Basalt.Compose.Tests.Definition;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Tests.Accounts;

public sealed class AccountDefinitionTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGSKh7HTWC3Zr800gPCUkumZhjegmuOWHJPh0xNfkrPF operator@example.org";

    private const string SetupPasswd = "root:x:0:0:Super User:/root:/bin/bash\nbin:x:1:1:bin:/bin:/usr/sbin/nologin\n";
    private const string SetupGroup = "root:x:0:\nbin:x:1:\nwheel:x:10:\nadm:x:4:\n";

    [Fact]
    public void ApplyDefinition_UsersAndGroups_AllocatesFrom1000InDefinitionOrder()
    {
        var (database, tree, notes) = Apply("""
            groups:
              - name: containers
              - name: fixed
                gid: 1001
            users:
              - name: core
                groups: [wheel, containers]
                ssh_authorized_keys: ["KEY"]
              - name: ops
                uid: 1000
                shell: /bin/sh
            """);

        Assert.Equal((1000u, 1001u), (database.GidOf("containers")!.Value, database.GidOf("fixed")!.Value));

        // core: the first id free both as uid and gid is 1002; ops asked for uid 1000, whose gid is taken, so its group gets 1003.
        Assert.Equal((1002u, 1002u), (database.UidOf("core")!.Value, database.GidOf("core")!.Value));
        Assert.Equal((1000u, 1003u), (database.UidOf("ops")!.Value, database.PrimaryGidOf("ops")!.Value));
        Assert.Equal(["core"], database.MembersOf("wheel"));
        Assert.Equal(
        [
            "groups[0]: created group containers (gid 1000)",
            "groups[1]: created group fixed (gid 1001)",
            "users[0]: created user core (uid 1002, gid 1002)",
            "users[0]: added user core to group wheel",
            "users[0]: added user core to group containers",
            "users[1]: created user ops (uid 1000, gid 1003)",
        ], notes);

        database.Save(tree, AccountTrees.Epoch);
        Assert.Equal(SetupPasswd + "core:x:1002:1002::/home/core:/bin/bash\nops:x:1000:1003::/home/ops:/bin/sh\n", AccountTrees.Text(tree, "/etc/passwd"));
        Assert.Equal("root:x:0:\nbin:x:1:\nwheel:x:10:core\nadm:x:4:\ncontainers:x:1000:core\nfixed:x:1001:\ncore:x:1002:\nops:x:1003:\n", AccountTrees.Text(tree, "/etc/group"));
        Assert.Equal("core:!*:19675::::::\nops:!*:19675::::::\n", AccountTrees.Text(tree, "/etc/shadow"));
    }

    [Fact]
    public void ApplyDefinition_UserWithKeys_CreatesPrivateHomeAndAuthorizedKeys()
    {
        var (database, tree, _) = Apply("""
            users:
              - name: core
                ssh_authorized_keys: ["KEY"]
              - name: nokeys
            """);

        var uid = database.UidOf("core")!.Value;
        var home = tree.Get("/home/core");
        var ssh = tree.Get("/home/core/.ssh");
        var keys = Assert.IsType<RegularFileNode>(tree.Get("/home/core/.ssh/authorized_keys"));
        Assert.Equal((0x1C0, uid, uid), (home.Mode, home.Uid, home.Gid));
        Assert.Equal((0x1C0, uid, uid), (ssh.Mode, ssh.Uid, ssh.Gid));
        Assert.Equal((0x180, uid, uid), (keys.Mode, keys.Uid, keys.Gid));
        Assert.Equal(Key + "\n", AccountTrees.Text(tree, "/home/core/.ssh/authorized_keys"));
        Assert.True(tree.Contains("/home/nokeys"));
        Assert.False(tree.Contains("/home/nokeys/.ssh"));
    }

    [Fact]
    public void ApplyDefinition_RootWithKeyAndHash_KeepsRootSetsHashAndKeys()
    {
        var (database, tree, notes) = Apply("""
            users:
              - name: root
                password_hash: "$6$salt$hash"
                ssh_authorized_keys: ["KEY"]
            """, shadow: "root:!locked::0:99999:7:::\n");

        Assert.Empty(notes);
        database.Save(tree, AccountTrees.Epoch);
        Assert.Equal(SetupPasswd, AccountTrees.Text(tree, "/etc/passwd"));

        // locked defaults to false with a hash; the last change day is the build's.
        Assert.Equal("root:$6$salt$hash:19675:0:99999:7:::\n", AccountTrees.Text(tree, "/etc/shadow"));
        Assert.Equal(Key + "\n", AccountTrees.Text(tree, "/root/.ssh/authorized_keys"));
        Assert.Equal(0x1C0, tree.Get("/root").Mode);
    }

    [Fact]
    public void ApplyDefinition_LockedUserWithHash_PrefixesBang()
    {
        var (database, tree, _) = Apply("""
            users:
              - name: core
                password_hash: "$6$salt$hash"
                locked: true
            """);

        database.Save(tree, AccountTrees.Epoch);

        Assert.Equal("core:!$6$salt$hash:19675::::::\n", AccountTrees.Text(tree, "/etc/shadow"));
    }

    [Fact]
    public void ApplyDefinition_StandardGroupsMissingFromTheImage_CreatedWithSetupIds()
    {
        var tree = new FileTree();
        var database = AccountDatabase.Load(tree);

        var notes = database.ApplyDefinition(Definition("""
            users:
              - name: core
                groups: [wheel, systemd-journal, input]
            """), tree);

        Assert.Equal((10u, 190u, 999u), (database.GidOf("wheel")!.Value, database.GidOf("systemd-journal")!.Value, database.GidOf("input")!.Value));
        Assert.Null(database.GidOf("adm"));
        Assert.Contains("standard account: created group wheel (gid 10)", notes);
    }

    [Fact]
    public void SetupAccounts_EveryStandardAccount_HasAnEntry()
    {
        // The definition loader accepts these names without the image having them; each needs an id to create it with.
        Assert.All(StandardAccounts.Users, u => Assert.NotNull(SetupAccounts.FindUser(u)));
        Assert.All(StandardAccounts.Groups, g => Assert.True(SetupAccounts.Groups.ContainsKey(g), g));
        Assert.All(SetupAccounts.Users, u => Assert.Contains(SetupAccounts.Groups, g => g.Value == u.Gid));
    }

    [Fact]
    public void ApplyDefinition_StandardUserMissing_CreatedWithItsGroup()
    {
        var tree = new FileTree();
        var database = AccountDatabase.Load(tree);

        database.ApplyDefinition(Definition("""
            users:
              - name: root
                ssh_authorized_keys: ["KEY"]
            files:
              - path: /etc/motd
                content: hi
                owner: adm
            """), tree);
        database.Save(tree, AccountTrees.Epoch);

        Assert.Equal("root:x:0:0:Super User:/root:/bin/bash\nadm:x:3:4:adm:/var/adm:/usr/sbin/nologin\n", AccountTrees.Text(tree, "/etc/passwd"));
        Assert.Equal("root:x:0:\nadm:x:4:\n", AccountTrees.Text(tree, "/etc/group"));
    }

    [Fact]
    public void ApplyDefinition_UidTakenInTheImage_ErrorNamesTheKey()
    {
        var tree = AccountTrees.Tree(new Dictionary<string, string>
        {
            ["/etc/passwd"] = SetupPasswd + "svc:x:1000:1000::/:/usr/sbin/nologin\n",
            ["/etc/group"] = SetupGroup + "svc:x:1000:\n",
        });
        var database = AccountDatabase.Load(tree);
        var definition = Definition("""
            groups:
              - name: svc
                gid: 2000
              - name: other
                gid: 10
            """) with
        {
            // Built directly: the loader refuses an unknown group, but an image that lacks one the definition expected fails here.
            Users =
            [
                new UserDefinition { Name = "a", Home = "/home/a" },
                new UserDefinition { Name = "b", Uid = 1000, Home = "/home/b" },
                new UserDefinition { Name = "c", Home = "/home/c", Groups = ["nosuch"] },
                new UserDefinition { Name = "bin", Uid = 5, Home = "/bin" },
            ],
        };

        var exception = Assert.Throws<DefinitionException>(() => database.ApplyDefinition(definition, tree));

        Assert.Equal(
        [
            "groups[0].gid: group 'svc' already exists in the image with gid 1000, not 2000",
            "groups[1].gid: gid 10 of group 'other' is already used by group 'wheel'",
            "users[1].uid: uid 1000 of user 'b' is already used by user 'svc'",
            "users[2].groups[0]: group 'nosuch' of user 'c' is neither defined in 'groups' nor present in the image",
            "users[3].uid: user 'bin' already exists in the image with uid 1, not 5",
        ], exception.Errors.Select(e => e.ToString()));
        Assert.StartsWith("'test' is not a valid image definition (5 errors):\n  groups[0].gid: group 'svc'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyDefinition_TwoBuilds_IdenticalFiles()
    {
        static string Build()
        {
            var (database, tree, _) = Apply("""
                groups:
                  - name: g1
                users:
                  - name: u1
                    groups: [g1, wheel]
                  - name: u2
                """);
            database.Save(tree, AccountTrees.Epoch);
            return string.Join("|", AccountTrees.AccountFilePaths.Select(p => AccountTrees.Text(tree, p)));
        }

        Assert.Equal(Build(), Build());
    }

    private static (AccountDatabase Database, FileTree Tree, IReadOnlyList<string> Notes) Apply(string yaml, string shadow = "")
    {
        var tree = AccountTrees.Tree(new Dictionary<string, string>
        {
            ["/etc/passwd"] = SetupPasswd,
            ["/etc/group"] = SetupGroup,
            ["/etc/shadow"] = shadow,
        });
        tree.AddDirectory("/root", 0x1C0);
        var database = AccountDatabase.Load(tree);
        var notes = database.ApplyDefinition(Definition(yaml), tree);
        return (database, tree, notes);
    }

    private static ImageDefinition Definition(string yaml) => DefinitionFixture.Load(DefinitionFixture.Minimal + yaml.Replace("KEY", Key, StringComparison.Ordinal));
}
