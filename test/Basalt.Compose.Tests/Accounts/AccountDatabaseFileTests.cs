using System.Text;
using Basalt.Compose.Accounts;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Tests.Accounts;

public sealed class AccountDatabaseFileTests
{
    [Fact]
    public void LoadSave_HostAccountFiles_RoundTripByteForByte()
    {
        // The build host's files are real ones written by Debian's base-passwd, shadow-utils and systemd.
        var files = AccountTrees.AccountFilePaths.Where(File.Exists).ToDictionary(p => p, File.ReadAllText, StringComparer.Ordinal);
        Assert.Contains("/etc/passwd", files.Keys);
        var tree = AccountTrees.Tree(files);

        var database = AccountDatabase.Load(tree);
        database.Save(tree, AccountTrees.Epoch);

        foreach (var (path, text) in files)
        {
            Assert.Equal(text, AccountTrees.Text(tree, path));
        }

        Assert.Equal(0u, database.UidOf("root"));
        Assert.Equal(0u, database.GidOf("root"));
    }

    [Fact]
    public void Load_SetupStylePasswd_ReadsEveryField()
    {
        var tree = AccountTrees.Tree(new Dictionary<string, string>
        {
            ["/etc/passwd"] = "root:x:0:0:Super User:/root:/bin/bash\nadm:x:3:4:adm:/var/adm:/usr/sbin/nologin\n",
            ["/etc/group"] = "root:x:0:\nadm:x:4:adm,daemon\nwheel:x:10:\n",
        });

        var database = AccountDatabase.Load(tree);

        Assert.Equal(3u, database.UidOf("adm"));
        Assert.Equal(4u, database.PrimaryGidOf("adm"));
        Assert.Equal(10u, database.GidOf("wheel"));
        Assert.Equal(["adm", "daemon"], database.MembersOf("adm"));
        Assert.Null(database.UidOf("wheel"));
        Assert.Equal(["root", "adm", "wheel"], database.GroupNames);
    }

    [Theory]
    [InlineData("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin\n", "'/etc/passwd' line 2: expected 7 fields separated by ':', found 6.")]
    [InlineData("/etc/passwd", "root:x:zero:0:root:/root:/bin/bash\n", "'/etc/passwd' line 1: uid 'zero' is not a number from 0 to 4294967294.")]
    [InlineData("/etc/passwd", "root:x:0:4294967295:root:/root:/bin/bash\n", "'/etc/passwd' line 1: gid '4294967295' is not a number from 0 to 4294967294.")]
    [InlineData("/etc/group", "\n\nwheel:x:-10:\n", "'/etc/group' line 3: gid '-10' is not a number from 0 to 4294967294.")]
    [InlineData("/etc/group", ":x:10:\n", "'/etc/group' line 1: the name field is empty.")]
    [InlineData("/etc/shadow", "root:!*:19675:::::\n", "'/etc/shadow' line 1: expected 9 fields separated by ':', found 8.")]
    [InlineData("/etc/gshadow", "wheel:!*:\n", "'/etc/gshadow' line 1: expected 4 fields separated by ':', found 3.")]
    public void Load_MalformedLine_NamesFileAndLine(string path, string content, string message)
    {
        var tree = AccountTrees.Tree(new Dictionary<string, string> { [path] = content });

        var exception = Assert.Throws<InvalidDataException>(() => AccountDatabase.Load(tree));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Load_PasswdIsADirectory_Throws()
    {
        var tree = new FileTree();
        tree.AddDirectory("/etc/passwd");

        var exception = Assert.Throws<InvalidDataException>(() => AccountDatabase.Load(tree));

        Assert.Equal("'/etc/passwd' is a Directory, not a regular file.", exception.Message);
    }

    [Fact]
    public void Save_EmptyTree_WritesFourFilesWithShadowModes()
    {
        var tree = new FileTree();
        var database = AccountDatabase.Load(tree);
        database.ApplySysusers(AccountTrees.Tree(new Dictionary<string, string> { ["/usr/lib/sysusers.d/a.conf"] = "u svc -\n" }));

        database.Save(tree, AccountTrees.Epoch);

        foreach (var (path, mode) in new[] { ("/etc/passwd", 0x1A4), ("/etc/group", 0x1A4), ("/etc/shadow", 0), ("/etc/gshadow", 0) })
        {
            var node = Assert.IsType<RegularFileNode>(tree.Get(path));
            Assert.Equal(mode, node.Mode);
            Assert.Equal((0u, 0u), (node.Uid, node.Gid));
            Assert.Equal(new FileTimestamp(AccountTrees.Epoch), node.ModificationTime);
        }

        Assert.Equal("svc:x:999:999::/:/usr/sbin/nologin\n", AccountTrees.Text(tree, "/etc/passwd"));
        Assert.Equal("svc:!*:19675::::::\n", AccountTrees.Text(tree, "/etc/shadow"));
        Assert.Equal("svc:x:999:\n", AccountTrees.Text(tree, "/etc/group"));
        Assert.Equal("svc:!*::\n", AccountTrees.Text(tree, "/etc/gshadow"));
    }

    [Fact]
    public void Save_ExistingShadowLines_KeepTheirLastChangeDay()
    {
        var tree = AccountTrees.Tree(new Dictionary<string, string>
        {
            ["/etc/passwd"] = "root:x:0:0:root:/root:/bin/bash\n",
            ["/etc/shadow"] = "root:*:12345:0:99999:7:::\n",
        });

        AccountDatabase.Load(tree).Save(tree, AccountTrees.Epoch);

        Assert.Equal("root:*:12345:0:99999:7:::\n", AccountTrees.Text(tree, "/etc/shadow"));
    }

    [Fact]
    public void Save_TwoBuilds_IdenticalBytes()
    {
        static byte[] Build()
        {
            var tree = AccountTrees.Tree(new Dictionary<string, string>
            {
                ["/usr/lib/sysusers.d/a.conf"] = "g grp -\nu one - \"One\" /var/one\nu two -\nm two grp\n",
            });
            var database = AccountDatabase.Load(tree);
            database.ApplySysusers(tree);
            database.Save(tree, AccountTrees.Epoch);
            return AccountTrees.AccountFilePaths.SelectMany(p => Encoding.UTF8.GetBytes(AccountTrees.Text(tree, p))).ToArray();
        }

        Assert.Equal(Build(), Build());
    }
}
