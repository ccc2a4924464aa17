using System.Text;
using Basalt.Compose.Layout;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Tests.Layout;

public sealed class ImmutableLayoutTests
{
    private static string Read(FileTree tree, string path) => Encoding.UTF8.GetString(((RegularFileNode)tree.Get(path)).Content.ReadAllBytes());

    [Fact]
    public void Build_PackagedOsRelease_MergesDefinitionFieldsWordForWord()
    {
        var trees = ImmutableLayout.Build(LayoutFixture.Root(), LayoutFixture.Definition(), LayoutFixture.Epoch);

        // Packaged lines (comment, order, original quoting) stay; the definition's fields replace theirs in place;
        // new fields follow in key order, quoted per os-release(5).
        const string Expected = """
            # The distribution's identity
            NAME="Test Linux"
            ID=testos
            VERSION_ID=41
            PRETTY_NAME="Test OS \"Basalt\" \$HOME"
            HOME_URL="https://example.org/"
            IMAGE_ID=testos
            IMAGE_VERSION="1.2.3"
            VARIANT_ID="container-host"

            """;
        Assert.Equal(Expected, Read(trees.Root, "/usr/lib/os-release"));
        Assert.Equal(Expected, Read(trees.Usr, "/lib/os-release"));
        var link = Assert.IsType<SymbolicLinkNode>(trees.Root.Get("/etc/os-release"));
        Assert.Equal("../usr/lib/os-release", link.Target);
        Assert.Equal("node1\n", Read(trees.Root, "/etc/hostname"));
    }

    [Fact]
    public void Build_OnlyEtcOsReleaseAndNoImageFields_MovesItToUsrAndDefaultsImageIdAndVersion()
    {
        var root = LayoutFixture.Root();
        root.Remove("/usr/lib/os-release");
        root.AddOrReplace("/etc/os-release", new RegularFileNode(LayoutFixture.Text("NAME=Other\nID=other\n")));
        var definition = LayoutFixture.Definition(b =>
        {
            b.OsRelease.Clear();
            b.Hostname = null;
        });

        var trees = ImmutableLayout.Build(root, definition, LayoutFixture.Epoch);

        Assert.Equal("NAME=Other\nID=other\nIMAGE_ID=testos\nIMAGE_VERSION=\"1.2.3\"\n", Read(trees.Root, "/usr/lib/os-release"));
        Assert.IsType<SymbolicLinkNode>(trees.Root.Get("/etc/os-release"));
        Assert.False(trees.Root.Contains("/etc/hostname"));
    }

    [Fact]
    public void Build_EtcVarHomeRoot_AreKeptInFactoryWithTmpfilesLines()
    {
        var trees = ImmutableLayout.Build(LayoutFixture.Root(), LayoutFixture.Definition(), LayoutFixture.Epoch);

        Assert.Equal("PermitRootLogin no\n", Read(trees.Usr, "/share/factory/etc/ssh/sshd_config"));
        Assert.Equal(0x180, trees.Usr.Get("/share/factory/etc/ssh/sshd_config").Mode);
        Assert.Equal("node1\n", Read(trees.Usr, "/share/factory/etc/hostname"));
        Assert.Equal("../usr/lib/os-release", ((SymbolicLinkNode)trees.Usr.Get("/share/factory/etc/os-release")).Target);
        Assert.IsType<DirectoryNode>(trees.Usr.Get("/share/factory/var/lib/app"));
        var key = trees.Usr.Get("/share/factory/home/core/.ssh/authorized_keys");
        Assert.Equal((1000u, 1000u), (key.Uid, key.Gid));
        Assert.False(trees.Usr.Contains("/share/factory/tmp"));

        const string ExpectedLines = """
            L /bin - - - - usr/bin
            C+! /etc - - - - /usr/share/factory/etc
            C+! /home - - - - /usr/share/factory/home
            L /lib64 - - - - usr/lib64
            d /root 0550 0 0 -
            C+! /var - - - - /usr/share/factory/var

            """;
        var tmpfiles = Read(trees.Usr, "/lib/tmpfiles.d/basalt-factory.conf");
        Assert.EndsWith(ExpectedLines, tmpfiles, StringComparison.Ordinal);
        Assert.All(tmpfiles.Split('\n').Where(l => l.Length > 0), line => Assert.True(line.StartsWith('#') || ExpectedLines.Contains(line, StringComparison.Ordinal), line));

        var repart = Read(trees.Usr, "/lib/repart.d/50-root.conf");
        Assert.Contains("[Partition]\nType=root\nLabel=root-x86-64\nFormat=ext4\nSizeMinBytes=16777216\nFactoryReset=yes\n", repart, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UsrTree_IsUsrOnlyWithHardLinksAndClampedTimes()
    {
        var trees = ImmutableLayout.Build(LayoutFixture.Root(), LayoutFixture.Definition(), LayoutFixture.Epoch);

        Assert.False(trees.Usr.Contains("/usr"));
        Assert.False(trees.Usr.Contains("/etc"));
        Assert.Same(trees.Usr.Get("/bin/hello"), trees.Usr.Get("/bin/hello-again"));
        Assert.Equal(2, trees.Usr.Get("/bin/hello").LinkCount);
        Assert.Equal(new FileTimestamp(LayoutFixture.Epoch), trees.Usr.Get("/share/doc/new.txt").ModificationTime);
        Assert.Equal(new FileTimestamp(LayoutFixture.Epoch - 100), trees.Usr.Get("/bin/bash").ModificationTime);
        Assert.True(trees.Root.Contains("/etc/passwd"));
        Assert.True(trees.Root.Contains("/usr/share/factory/etc/passwd"));
    }

    [Fact]
    public void Build_InputTree_IsNotChanged()
    {
        var root = LayoutFixture.Root();
        var before = root.EnumerateDepthFirst().Select(e => (e.Path, e.Node.Kind, e.Node.LinkCount)).ToList();

        ImmutableLayout.Build(root, LayoutFixture.Definition(), LayoutFixture.Epoch);

        Assert.Equal(before, root.EnumerateDepthFirst().Select(e => (e.Path, e.Node.Kind, e.Node.LinkCount)).ToList());
        Assert.Equal(new FileTimestamp(LayoutFixture.Epoch + 5000), root.Get("/usr/share/doc/new.txt").ModificationTime);
    }

    [Fact]
    public void Build_Kernel_AddsBootLoaderEntryAndKernelToEsp()
    {
        var trees = ImmutableLayout.Build(LayoutFixture.Root(), LayoutFixture.Definition(), LayoutFixture.Epoch);

        Assert.IsType<DirectoryNode>(trees.Esp.Get("/EFI"));
        Assert.Equal("# Written by Basalt; see loader.conf(5).\ndefault testos-*\ntimeout 0\neditor no\n", Read(trees.Esp, "/loader/loader.conf"));
        Assert.Equal(LayoutFixture.Pattern(70_000, 11), ((RegularFileNode)trees.Esp.Get($"/testos/{LayoutFixture.KernelVersion}/linux")).Content.ReadAllBytes());
        Assert.Equal($"""
            title Test OS "Basalt" $HOME
            version {LayoutFixture.KernelVersion}
            sort-key testos
            linux /testos/{LayoutFixture.KernelVersion}/linux
            options console=ttyS0,115200 quiet
            architecture x64

            """, Read(trees.Esp, $"/loader/entries/testos-{LayoutFixture.KernelVersion}.conf"));

        var final = EspLayout.WithCommandLine(trees.Esp, "usrhash=00 quiet", new FileTimestamp(LayoutFixture.Epoch));
        Assert.Contains("\noptions usrhash=00 quiet\n", Read(final, $"/loader/entries/testos-{LayoutFixture.KernelVersion}.conf"), StringComparison.Ordinal);
        Assert.Contains("\noptions console=ttyS0,115200 quiet\n", Read(trees.Esp, $"/loader/entries/testos-{LayoutFixture.KernelVersion}.conf"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoKernel_WritesNoEntries()
    {
        var trees = ImmutableLayout.Build(LayoutFixture.Root(withKernel: false), LayoutFixture.Definition(), LayoutFixture.Epoch);

        Assert.True(trees.Esp.Contains("/loader/loader.conf"));
        Assert.False(trees.Esp.Contains("/loader/entries"));
        Assert.Empty(EspLayout.Entries(trees.Esp));
    }

    [Fact]
    public void Build_NoUsr_ThrowsNamingIt()
    {
        var root = new FileTree();
        root.AddFile("/etc/passwd", []);

        var error = Assert.Throws<InvalidDataException>(() => ImmutableLayout.Build(root, LayoutFixture.Definition(), LayoutFixture.Epoch));

        Assert.Contains("'/usr'", error.Message, StringComparison.Ordinal);
    }
}
