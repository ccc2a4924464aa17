using Basalt.Compose.Install;
using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Install;

/// <summary>Installs real packages and compares the tree with what rpm's query and rpm2archive | tar report for them.</summary>
public sealed class PackageInstallerFixtureTests
{
    private static readonly string[] Set =
    [
        "rpms/cavaliergopher-rpm/testdata/centos-release-7-2.1511.el7.centos.2.10.x86_64.rpm",
        "rpms/rpm-rs/historical@be7afd6/test_assets/monkeysphere-0.37-1.el7.noarch.rpm",
        "rpms/rpm-rs/historical@2aa5d15/test_assets/389-ds-base-devel-1.3.8.4-15.el7.x86_64.rpm",
        "rpms/rpm/tests/data/RPMS/hlinktest-1.0-1.noarch.rpm",
        "rpms/rpm/tests/data/RPMS/capstest-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-file-attrs-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-hardlinks-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-file-types-1.0-1.noarch.rpm",
    ];

    private const string QueryFormat =
        "[%{FILENAMES}\\t%{FILEMODES:octal}\\t%{FILEUSERNAME}\\t%{FILEGROUPNAME}\\t%{FILELINKTOS}\\t%{FILEFLAGS:fflags}\\t%{FILEINODES}\\t%{FILECAPS}\\n]";

    [Fact]
    public async Task InstallAsync_SamePackagesTwice_IdenticalTrees()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var packages = Set.Select(f => new PackageFile(Path.GetFileNameWithoutExtension(f), Fixtures.Path(f))).ToArray();

        var a = await Describe(first, packages);
        var b = await Describe(second, packages);

        Assert.Equal(a, b);
        Assert.True(a.Count > 150);
    }

    [Fact]
    public async Task InstallAsync_RealPackages_TreeMatchesRpmQueryAndCpioContents()
    {
        var rpm = ExternalTool.Require("rpm", "rpm");
        ExternalTool.Require("rpm2archive", "rpm");
        using var temp = new TempDirectory();
        var packages = new List<PackageFile>();
        var expected = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var inodes = new List<Dictionary<string, List<string>>>();
        foreach (var fixture in Set)
        {
            var path = Fixtures.Path(fixture);
            var nevra = ExternalTool.Run(rpm, ["-qp", "--nosignature", "--nodigest", "--qf", "%{NEVRA}", path]).EnsureSuccess("rpm -qp").StandardOutput;
            packages.Add(new PackageFile(nevra, path));
            var byInode = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var query = ExternalTool.Run(rpm, ["-qp", "--nosignature", "--nodigest", "--qf", QueryFormat, path]).EnsureSuccess("rpm -qp").StandardOutput;
            foreach (var line in query.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = line.Split('\t');
                expected[fields[0]] = fields; // a later package's view of a shared directory wins, as in rpm
                if (fields[1].StartsWith("100", StringComparison.Ordinal) && !fields[5].Contains('g', StringComparison.Ordinal))
                {
                    byInode.TryAdd(fields[6], []);
                    byInode[fields[6]].Add(fields[0]);
                }
            }

            inodes.Add(byInode);
            var unpacked = temp.Path("cpio", Path.GetFileName(path));
            Directory.CreateDirectory(unpacked);
            // rpm2archive rather than rpm2cpio: rpm2cpio cannot express the v6 packages' stripped cpio payloads.
            ExternalTool.Shell($"rpm2archive -n - < '{path}' | tar -x", unpacked).EnsureSuccess("rpm2archive | tar");
        }

        var tree = new FileTree();
        var result = await PackageInstallerTests.Install(temp, tree, [.. packages]);

        Assert.Equal(Set.Length, result.Packages.Count);
        var compared = 0;
        foreach (var (path, fields) in expected)
        {
            if (fields[5].Contains('g', StringComparison.Ordinal))
            {
                Assert.False(tree.Contains(path), $"%ghost '{path}' must not be created");
                continue;
            }

            var node = tree.Get(path);
            Assert.Equal(fields[1], Convert.ToString(node.FullMode, 8));
            Assert.True(result.Owners.TryGetOwner(node, out var user, out var group));
            Assert.Equal((fields[2], fields[3]), (user, group));
            if (node is SymbolicLinkNode link)
            {
                Assert.Equal(fields[4], link.Target);
            }
            else if (node is RegularFileNode file)
            {
                var onDisk = Set.Select(f => temp.Path("cpio", Path.GetFileName(f)) + path).First(File.Exists);
                Assert.Equal(File.ReadAllBytes(onDisk), file.Content.ReadAllBytes());
            }

            // rpm prints "(none)" when a package has no FILECAPS tag at all.
            var caps = fields[7] == "(none)" ? "" : fields[7];
            Assert.Equal(caps.Length > 0 && node is RegularFileNode, node.ExtendedAttributes.Contains(VfsCapability.AttributeName));
            compared++;
        }

        Assert.True(compared > 150, $"compared {compared} paths");
        foreach (var group in inodes.SelectMany(i => i.Values).Where(g => g.Count > 1))
        {
            var first = tree.Get(group[0]);
            Assert.All(group, p => Assert.Same(first, tree.Get(p)));
            Assert.Equal(group.Count, first.LinkCount);
        }

        // Capabilities as rpm -qp reports them ("cap_sys_ptrace,cap_sys_admin=ep"), stored in VFS_CAP_REVISION_2 form.
        Assert.True(tree.Get("/opt/rpm-file-attrs/with_caps").ExtendedAttributes.TryGetValue(VfsCapability.AttributeName, out var value));
        Assert.Equal("0100000200002800000000000000000000000000", Convert.ToHexStringLower(value));
        Assert.True(tree.Get("/a/emptyCaps1").ExtendedAttributes.TryGetValue(VfsCapability.AttributeName, out var empty));
        Assert.Equal("0000000200000000000000000000000000000000", Convert.ToHexStringLower(empty));

        // slapi-plugin.h (319,726 bytes) went to the spool; everything else stayed in memory.
        Assert.Single(Directory.GetFiles(temp.Path("scratch")));
        Assert.Equal(new FileInfo(Directory.GetFiles(temp.Path("scratch"))[0]).Length,
            tree.EnumerateDepthFirst().Select(e => e.Node).OfType<RegularFileNode>().Distinct()
                .Where(f => !f.Content.TryGetMemory(out _)).Sum(f => f.Length));
        Assert.Contains(result.Scriptlets, s => s.Package.StartsWith("monkeysphere", StringComparison.Ordinal) && s.Scriptlet == "%pre"
            && s.Outcome == ScriptletOutcome.Replaced);
    }

    /// <summary>Every path with type, mode, time, link count, xattrs, owner names and content digest.</summary>
    private static async Task<List<string>> Describe(TempDirectory temp, PackageFile[] packages)
    {
        var tree = new FileTree();
        var result = await PackageInstallerTests.Install(temp, tree, packages);
        return [.. tree.EnumerateDepthFirst().Select(e =>
        {
            result.Owners.TryGetOwner(e.Node, out var user, out var group);
            var content = e.Node is RegularFileNode file ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(file.Content.ReadAllBytes())) : "";
            var xattrs = string.Join(",", e.Node.ExtendedAttributes.Select(x => x.Key + "=" + Convert.ToHexString(x.Value)));
            var target = e.Node is SymbolicLinkNode link ? link.Target : "";
            return $"{e.Path} {e.Node.FullMode:x} {e.Node.ModificationTime.Seconds} {e.Node.LinkCount} {user}:{group} {target} {xattrs} {content}";
        })];
    }
}
