using System.Globalization;
using System.Text;
using Basalt.Compose.Accounts;
using Basalt.Imaging.Tree;
using Basalt.Packaging;
using Basalt.Rpm.Metadata;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Accounts;

public sealed class AccountProvidesTests
{
    /// <summary>rpm's own example (docs/manual/users_and_groups.md), as rpm 4.19's generator emits it.</summary>
    private const string DnsmasqProvide = "dSBkbnNtYXNxIC0gIkRuc21hc3EgREhDUCBhbmQgRE5TIHNlcnZlciIgL3Zhci9saWIvZG5zbWFzcQAA";

    [Fact]
    public void DecodeLine_RpmDocumentationExample_GivesTheSysusersLine()
    {
        var line = AccountDatabase.DecodeLine(new Dependency("user(dnsmasq)", DependencyFlags.Equal, DnsmasqProvide), "test");

        Assert.Equal("u dnsmasq - \"Dnsmasq DHCP and DNS server\" /var/lib/dnsmasq", line);
    }

    [Fact]
    public void ApplyProvides_RpmDocumentationExample_CreatesUserAndGroup()
    {
        var database = AccountDatabase.Load(new FileTree());

        var notes = database.ApplyProvides("dnsmasq-2.90-1.fc40.x86_64",
            [new Dependency("user(dnsmasq)", DependencyFlags.Equal, DnsmasqProvide), new Dependency("group(dnsmasq)")]);

        Assert.Equal(
        [
            "package 'dnsmasq-2.90-1.fc40.x86_64' provide 'user(dnsmasq)': created group dnsmasq (gid 999)",
            "package 'dnsmasq-2.90-1.fc40.x86_64' provide 'user(dnsmasq)': created user dnsmasq (uid 999, gid 999)",
        ], notes);
        var tree = new FileTree();
        database.Save(tree, AccountTrees.Epoch);
        Assert.Equal("dnsmasq:x:999:999:Dnsmasq DHCP and DNS server:/var/lib/dnsmasq:/usr/sbin/nologin\n", AccountTrees.Text(tree, "/etc/passwd"));
    }

    [Fact]
    public void ApplyProvides_PackageBuiltByRpmbuild_MatchesSystemdSysusersOnTheDecodedLines()
    {
        var rpmbuild = ExternalTool.Require("rpmbuild", "rpm");
        string[] lines = ["g svcgroup 555", "u svc - \"Service account\" /var/lib/svc /bin/false", "g shared -"];
        using var directory = new TempDirectory("provides");
        var spec = new StringBuilder();
        spec.Append("Name: svc\nVersion: 1\nRelease: 1\nSummary: s\nLicense: MIT\nBuildArch: noarch\n");
        spec.Append(CultureInfo.InvariantCulture, $"Provides: group(svcgroup) = {Encode(lines[0])}\n");
        spec.Append(CultureInfo.InvariantCulture, $"Provides: user(svc) = {Encode(lines[1])}\nProvides: group(svc)\n");
        spec.Append(CultureInfo.InvariantCulture, $"Provides: group(shared) = {Encode(lines[2])}\n");
        spec.Append("Provides: user(legacy)\nProvides: group(plaingroup)\nProvides: svc-data\n");
        spec.Append("%description\nd\n%files\n");
        File.WriteAllText(directory.Path("svc.spec"), spec.ToString());
        ExternalTool.Run(rpmbuild, ["-bb", "--define", "_topdir " + directory.FullPath, directory.Path("svc.spec")]).EnsureSuccess("rpmbuild");
        var package = RpmPackageInfo.Read(Directory.GetFiles(directory.FullPath, "*.rpm", SearchOption.AllDirectories).Single());

        var database = AccountDatabase.Load(new FileTree());
        database.ApplyProvides(package.Nevra.ToString(), package.Provides);
        var tree = new FileTree();
        database.Save(tree, AccountTrees.Epoch);

        // rpm feeds the decoded lines to systemd-sysusers in the header's (sorted) provide order; the unversioned
        // user(legacy) and group(plaingroup) become "u legacy -" and "g plaingroup -".
        var decoded = package.Provides.Where(p => p.Version.Length > 0 && p.Name.Contains('(', StringComparison.Ordinal))
            .Select(p => Encoding.UTF8.GetString(Convert.FromBase64String(p.Version)).TrimEnd('\0'));
        var expected = AccountTrees.RunSystemdSysusers(new Dictionary<string, string>
        {
            ["/usr/lib/sysusers.d/svc.conf"] = string.Join('\n', [.. decoded, "u legacy -", "g plaingroup -"]) + "\n",
        });
        Assert.Equal(lines.Order(StringComparer.Ordinal), decoded.Order(StringComparer.Ordinal));
        foreach (var path in AccountTrees.AccountFilePaths)
        {
            Assert.Equal(expected[path], AccountTrees.Text(tree, path));
        }

        Assert.Equal(555u, database.GidOf("svcgroup"));
        Assert.Equal("svc", database.UserNameOf(database.UidOf("svc")!.Value));
    }

    [Fact]
    public void ApplyProvides_ExistingAccount_IsKept()
    {
        var tree = AccountTrees.Tree(new Dictionary<string, string> { ["/etc/passwd"] = "svc:x:42:42::/:/bin/sh\n", ["/etc/group"] = "svc:x:42:\n" });
        var database = AccountDatabase.Load(tree);

        var notes = database.ApplyProvides("svc-1-1.noarch", [new Dependency("user(svc)", DependencyFlags.Equal, Encode("u svc 7"))]);

        Assert.Empty(notes);
        Assert.Equal(42u, database.UidOf("svc"));
    }

    [Theory]
    [InlineData("user(svc)", "!!notbase64", "package 'p-1-1.noarch': the version of provide 'user(svc)' ('!!notbase64') is not base64 of a sysusers.d line.")]
    [InlineData("user(svc)", "ZyBzdmMgLQ", "package 'p-1-1.noarch': provide 'user(svc)' encodes 'g svc -', a line for another account.")]
    [InlineData("group(svc)", "dSBzdmMgLQ", "package 'p-1-1.noarch': provide 'group(svc)' encodes 'u svc -', a line for another account.")]
    [InlineData("user(svc)", "dSBzdmMgYWJj", "package 'p-1-1.noarch' provide 'user(svc)': 'abc' is not a user id (0 to 4294967294).")]
    public void ApplyProvides_BadVersion_NamesPackageAndProvide(string name, string version, string message)
    {
        var database = AccountDatabase.Load(new FileTree());

        var exception = Assert.Throws<InvalidDataException>(() => database.ApplyProvides("p-1-1.noarch", [new Dependency(name, DependencyFlags.Equal, version)]));

        Assert.Equal(message, exception.Message);
    }

    /// <summary>rpm's encoding: the line '\0'-padded to a multiple of three bytes, then base64 (so no '=').</summary>
    private static string Encode(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        Array.Resize(ref bytes, (bytes.Length + 2) / 3 * 3);
        return Convert.ToBase64String(bytes);
    }
}
