using Basalt.Compose.Accounts;

namespace Basalt.Compose.Tests.Accounts;

/// <summary>
/// The same root given to the real <c>systemd-sysusers --root=DIR</c> (systemd 252 here) and to
/// <see cref="AccountDatabase.ApplySysusers"/>: the four account files must be identical, byte for byte.
/// </summary>
public sealed class SysusersDifferentialTests
{
    public static TheoryData<string> Scenarios => new(ScenarioFiles.Keys);

    private static readonly Dictionary<string, Dictionary<string, string>> ScenarioFiles = new(StringComparer.Ordinal)
    {
        ["edge cases"] = new(StringComparer.Ordinal)
        {
            ["/usr/lib/sysusers.d/10-base.conf"] = """
                # comment
                g adm 4 -
                g wheel 10
                u explicit 900 "Explicit \"quoted\" user" /var/lib/explicit /bin/sh
                u clash 900 'Wanted a taken uid'
                u pair 910:4 - /srv/pair
                u named 911:wheel
                u dash -:adm
                g gclash 10
                g fromuid -
                u fromuid -
                u percent - "100%% sure"
                m explicit adm
                m implicitmember implicitgroup
                m explicit wheel

                """,
            ["/usr/lib/sysusers.d/20-overridden.conf"] = "u notused -\n",
            ["/etc/sysusers.d/20-overridden.conf"] = "u override -\n",
            ["/usr/lib/sysusers.d/30-masked.conf"] = "u masked -\n",
            ["/etc/sysusers.d/30-masked.conf"] = "->/dev/null",
            ["/usr/lib/sysusers.d/40-dup.conf"] = "u explicit 950 \"Second definition is ignored\"\ng wheel 11\n",
        },
        ["ranges"] = new(StringComparer.Ordinal)
        {
            ["/usr/lib/sysusers.d/a.conf"] = "r - 500-501\nr - 600\nu a -\nu b -\ng c -\nu d -\n",
        },
        ["existing accounts"] = new(StringComparer.Ordinal)
        {
            ["/etc/passwd"] = "root:x:0:0:Super User:/root:/bin/bash\nbin:x:1:1:bin:/bin:/usr/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/usr/sbin/nologin\nsvc:x:999:999::/:/usr/sbin/nologin\n",
            ["/etc/group"] = "root:x:0:\nbin:x:1:\ndaemon:x:2:\nadm:x:4:\nsvc:x:999:\nother:x:998:\n",
            ["/etc/shadow"] = "root:!locked::0:99999:7:::\nbin:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nsvc:!*:19000::::::\n",
            ["/etc/gshadow"] = "root:::\nbin:::\ndaemon:::\nadm:::\nsvc:!*::\nother:!*::\n",
            ["/usr/lib/sysusers.d/a.conf"] = "u daemon 1 \"Debian wants uid 1\"\nu svc -\nu new -\nm new adm\nm daemon adm\ng other -\ng newer -\n",
        },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void ApplySysusers_Scenario_MatchesSystemdSysusers(string scenario)
    {
        AssertSameAsSystemd(ScenarioFiles[scenario]);
    }

    [Fact]
    public void ApplySysusers_HostSysusersFiles_MatchesSystemdSysusers()
    {
        // Debian's systemd 252 basic.conf (fixed ids, "u sync 4:65534", "u games 5:60"), dbus, polkitd, journal, networkd, timesyncd.
        AssertSameAsSystemd(AccountTrees.HostSysusersFiles());
    }

    [Fact]
    public void ApplySysusers_HostFilesOverSetupStyleAccounts_MatchesSystemdSysusers()
    {
        // Fedora-style accounts already installed (different ids for the same names): every existing entry is kept.
        var files = AccountTrees.HostSysusersFiles();
        files["/etc/passwd"] = "root:x:0:0:Super User:/root:/bin/bash\nbin:x:1:1:bin:/bin:/usr/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/usr/sbin/nologin\nadm:x:3:4:adm:/var/adm:/usr/sbin/nologin\nnobody:x:65534:65534:Kernel Overflow User:/:/usr/sbin/nologin\n";
        files["/etc/group"] = "root:x:0:\nbin:x:1:\ndaemon:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\nwheel:x:10:\nusers:x:100:\nnobody:x:65534:\n";
        AssertSameAsSystemd(files);
    }

    [Fact]
    public void ApplySysusers_LoginDefs_AllocatesBelowTheSmallerMaximum()
    {
        // Debian builds systemd without compat-mutable-uid-boundaries, so its sysusers ignores login.defs; Fedora's
        // reads it. The range is SYS_UID_MIN up to the smallest of SYS_UID_MAX, SYS_GID_MAX and 999.
        var tree = AccountTrees.Tree(new Dictionary<string, string>
        {
            ["/etc/login.defs"] = "# comment\nSYS_UID_MIN 201\nSYS_UID_MAX 499\nSYS_GID_MAX\t450\nUID_MIN 1000\n",
            ["/usr/lib/sysusers.d/a.conf"] = "u a -\ng b -\n",
        });
        var database = AccountDatabase.Load(tree);

        database.ApplySysusers(tree);

        Assert.Equal((450u, 449u, 449u), (database.GidOf("b")!.Value, database.GidOf("a")!.Value, database.UidOf("a")!.Value));
    }

    [Fact]
    public void ApplySysusers_UserWithPathId_TakesTheOwnerOfThatPath()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/usr/lib/sysusers.d/a.conf"] = "u owned /var/lib/owned/marker\nu rootowned /var/lib/rootowned\n",
            ["/var/lib/owned/marker"] = "x",
            ["/var/lib/rootowned"] = "x",
        };
        var tree = AccountTrees.Tree(files);
        var marker = tree.Get("/var/lib/owned/marker");
        (marker.Uid, marker.Gid) = (950, 951);

        var database = AccountDatabase.Load(tree);
        database.ApplySysusers(tree);

        // systemd reads the owner with stat() under --root; the tree's owner stands in for it. Root-owned: allocated.
        Assert.Equal((950u, 951u), (database.UidOf("owned")!.Value, database.GidOf("owned")!.Value));
        Assert.Equal(999u, database.UidOf("rootowned"));
    }

    [Theory]
    [InlineData("x name -\n", "'/usr/lib/sysusers.d/a.conf' line 1: unknown line type 'x' (expected u, g, m or r).")]
    [InlineData("# c\nu 9lives -\n", "'/usr/lib/sysusers.d/a.conf' line 2: '9lives' is not a valid user name (letters, digits, _ and -, starting with a letter or _, at most 31 characters).")]
    [InlineData("u a abc\n", "'/usr/lib/sysusers.d/a.conf' line 1: 'abc' is not a user id (0 to 4294967294).")]
    [InlineData("u a 5:bad:x\n", "'/usr/lib/sysusers.d/a.conf' line 1: 'bad:x' in '5:bad:x' is neither a group id nor a group name.")]
    [InlineData("g a - gecos\n", "'/usr/lib/sysusers.d/a.conf' line 1: a 'g' line takes no GECOS, home or shell field.")]
    [InlineData("u a - \"unterminated\n", "'/usr/lib/sysusers.d/a.conf' line 1: unterminated \" quote.")]
    [InlineData("u a - - /h /s extra\n", "'/usr/lib/sysusers.d/a.conf' line 1: trailing text after the shell field: 'extra'.")]
    [InlineData("u a - - relative\n", "'/usr/lib/sysusers.d/a.conf' line 1: the home directory 'relative' is not an absolute path.")]
    [InlineData("r name 1-2\n", "'/usr/lib/sysusers.d/a.conf' line 1: an 'r' line takes no name (write '-').")]
    [InlineData("r - 9-2\n", "'/usr/lib/sysusers.d/a.conf' line 1: '9-2' is not an id range (FIRST-LAST or a single id).")]
    [InlineData("u a - \"%m\"\n", "'/usr/lib/sysusers.d/a.conf' line 1: specifier '%m' in '%m' depends on the running host and is not supported in an image build.")]
    public void ApplySysusers_BadLine_NamesFileAndLine(string content, string message)
    {
        var tree = AccountTrees.Tree(new Dictionary<string, string> { ["/usr/lib/sysusers.d/a.conf"] = content });

        var exception = Assert.Throws<InvalidDataException>(() => AccountDatabase.Load(tree).ApplySysusers(tree));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void ApplySysusers_LockedUserLine_ExpiresTheAccount()
    {
        // "u!" is newer than the systemd 252 here, so this is checked against sysusers.d(5) rather than the tool.
        var tree = AccountTrees.Tree(new Dictionary<string, string> { ["/usr/lib/sysusers.d/a.conf"] = "u! locked - \"Locked\"\n" });
        var database = AccountDatabase.Load(tree);

        database.ApplySysusers(tree);
        database.Save(tree, AccountTrees.Epoch);

        Assert.Equal("locked:!*:19675:::::1:\n", AccountTrees.Text(tree, "/etc/shadow"));
    }

    [Fact]
    public void ApplySysusers_Notes_OnePerAccountAndMembership()
    {
        var tree = AccountTrees.Tree(new Dictionary<string, string> { ["/usr/lib/sysusers.d/a.conf"] = "g grp -\nu svc -\nm svc grp\n" });

        var notes = AccountDatabase.Load(tree).ApplySysusers(tree);

        Assert.Equal(
        [
            "'/usr/lib/sysusers.d/a.conf' line 1: created group grp (gid 999)",
            "'/usr/lib/sysusers.d/a.conf' line 2: created group svc (gid 998)",
            "'/usr/lib/sysusers.d/a.conf' line 2: created user svc (uid 998, gid 998)",
            "'/usr/lib/sysusers.d/a.conf' line 3: added user svc to group grp",
        ], notes);
    }

    private static void AssertSameAsSystemd(Dictionary<string, string> files)
    {
        var expected = AccountTrees.RunSystemdSysusers(files);
        Assert.NotEqual("", expected["/etc/passwd"]);
        var tree = AccountTrees.Tree(files);
        var database = AccountDatabase.Load(tree);
        database.ApplySysusers(tree);
        database.Save(tree, AccountTrees.Epoch);

        foreach (var path in AccountTrees.AccountFilePaths)
        {
            // systemd-sysusers leaves a file alone when it has nothing to add; then ours must equal the input.
            var reference = expected[path].Length > 0 ? expected[path] : files.GetValueOrDefault(path, "");
            Assert.Equal(reference, AccountTrees.Text(tree, path));
        }
    }
}
