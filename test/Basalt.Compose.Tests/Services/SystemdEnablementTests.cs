using Basalt.Compose.Definition;
using Basalt.Compose.Services;
using Basalt.Imaging.Tree;

namespace Basalt.Compose.Tests.Services;

public sealed class SystemdEnablementTests
{
    private const long Epoch = 1_700_000_000;

    private static FileTree Image(string preset = "disable *\n")
    {
        var tree = new FileTree();
        tree.AddFile("/usr/lib/systemd/system/sshd.service", "[Unit]\nDescription=ssh\n[Install]\nWantedBy=multi-user.target\nAlias=ssh.service\n"u8.ToArray());
        tree.AddFile("/usr/lib/systemd/system/chronyd.service", "[Install]\nWantedBy=multi-user.target\n"u8.ToArray());
        tree.AddFile("/usr/lib/systemd/system/serial-getty@.service", "[Install]\nWantedBy=getty.target\n"u8.ToArray());
        tree.AddFile("/usr/lib/systemd/system/static.service", "[Service]\nExecStart=/bin/true\n"u8.ToArray());
        tree.AddFile("/usr/lib/systemd/system-preset/99-default-disable.preset", System.Text.Encoding.UTF8.GetBytes(preset));
        return tree;
    }

    [Fact]
    public void Apply_EnableMissingUnit_ThrowsWithUnitName()
    {
        var exception = Assert.Throws<BasaltException>(() => SystemdEnablement.Apply(Image(), new SystemdUnits { Enable = ["x.service"] }, Epoch));
        Assert.Equal("systemd.enable: unit 'x.service' does not exist in the image", exception.Message);
    }

    [Fact]
    public void Apply_EnableMaskedUnit_Throws()
    {
        var tree = Image();
        tree.AddSymbolicLink("/etc/systemd/system/chronyd.service", "/dev/null");
        var exception = Assert.Throws<BasaltException>(() => SystemdEnablement.Apply(tree, new SystemdUnits { Enable = ["chronyd.service"] }, Epoch));
        Assert.Equal("systemd.enable: unit 'chronyd.service' is masked", exception.Message);
    }

    [Fact]
    public void Apply_EnableTemplateWithoutInstance_Throws()
    {
        var exception = Assert.Throws<BasaltException>(() => SystemdEnablement.Apply(Image(), new SystemdUnits { Enable = ["serial-getty@.service"] }, Epoch));
        Assert.Equal("systemd.enable: unit 'serial-getty@.service' is a template without DefaultInstance=; enable an instance such as 'serial-getty@NAME.service'", exception.Message);
    }

    [Fact]
    public void Apply_InvalidName_Throws()
    {
        var exception = Assert.Throws<BasaltException>(() => SystemdEnablement.Apply(Image(), new SystemdUnits { Disable = ["sshd"] }, Epoch));
        Assert.Equal("systemd.disable: 'sshd' is not a valid unit name", exception.Message);
    }

    [Fact]
    public void Apply_MaskOverRegularFile_Throws()
    {
        var tree = Image();
        tree.AddFile("/etc/systemd/system/chronyd.service", "[Service]\n"u8.ToArray());
        var exception = Assert.Throws<BasaltException>(() => SystemdEnablement.Apply(tree, new SystemdUnits { Mask = ["chronyd.service"] }, Epoch));
        Assert.Equal("systemd.mask: '/etc/systemd/system/chronyd.service' already exists and is not a mask", exception.Message);
    }

    [Fact]
    public void Apply_Enable_CreatesRootOwnedLinksWithEpochAndNotes()
    {
        var tree = Image();
        var notes = SystemdEnablement.Apply(tree, new SystemdUnits { Enable = ["sshd.service", "serial-getty@ttyS0.service"], Mask = ["chronyd.service"] }, Epoch);

        var wants = Assert.IsType<SymbolicLinkNode>(tree.Get("/etc/systemd/system/multi-user.target.wants/sshd.service"));
        Assert.Equal("/usr/lib/systemd/system/sshd.service", wants.Target);
        Assert.Equal("/usr/lib/systemd/system/sshd.service", ((SymbolicLinkNode)tree.Get("/etc/systemd/system/ssh.service")).Target);
        Assert.Equal("/usr/lib/systemd/system/serial-getty@.service",
            ((SymbolicLinkNode)tree.Get("/etc/systemd/system/getty.target.wants/serial-getty@ttyS0.service")).Target);
        Assert.Equal("/dev/null", ((SymbolicLinkNode)tree.Get("/etc/systemd/system/chronyd.service")).Target);
        foreach (var path in new[] { "/etc/systemd/system/multi-user.target.wants", "/etc/systemd/system/multi-user.target.wants/sshd.service" })
        {
            var node = tree.Get(path);
            Assert.Equal(new FileTimestamp(Epoch), node.ModificationTime);
            Assert.Equal(0u, node.Uid);
            Assert.Equal(0u, node.Gid);
        }

        Assert.Equal(["enabled sshd.service (systemd.enable)", "enabled serial-getty@ttyS0.service (systemd.enable)", "masked chronyd.service (systemd.mask)"], notes);
    }

    [Fact]
    public void Apply_NoPresetRule_EnablesAsSystemdDoes()
    {
        var tree = Image(preset: "disable chronyd.service\n");
        var notes = SystemdEnablement.Apply(tree, new SystemdUnits(), Epoch);

        Assert.Contains("enabled sshd.service (no preset rule; systemd enables by default)", notes);
        Assert.False(tree.Contains("/etc/systemd/system/multi-user.target.wants/chronyd.service"));
        Assert.True(tree.Contains("/etc/systemd/system/multi-user.target.wants/sshd.service"));
    }

    [Fact]
    public void Apply_IgnoreRule_LeavesExistingLinksAlone()
    {
        // "ignore" (systemd >= 254) neither enables nor disables; a later "disable *" must not apply.
        var tree = Image(preset: "ignore chronyd.service\ndisable *\n");
        tree.AddSymbolicLink("/etc/systemd/system/multi-user.target.wants/chronyd.service", "/usr/lib/systemd/system/chronyd.service");
        tree.AddSymbolicLink("/etc/systemd/system/multi-user.target.wants/sshd.service", "/usr/lib/systemd/system/sshd.service");
        SystemdEnablement.Apply(tree, new SystemdUnits(), Epoch);

        Assert.True(tree.Contains("/etc/systemd/system/multi-user.target.wants/chronyd.service"));
        Assert.False(tree.Contains("/etc/systemd/system/multi-user.target.wants/sshd.service"));
    }

    [Fact]
    public void Apply_DisableLastLink_RemovesEmptyDirectory()
    {
        var tree = Image();
        SystemdEnablement.Apply(tree, new SystemdUnits { Enable = ["chronyd.service"], Disable = ["chronyd.service"] }, Epoch);

        Assert.False(tree.Contains("/etc/systemd/system/multi-user.target.wants"));
        Assert.True(tree.Contains("/etc/systemd/system"));
    }

    [Fact]
    public void Apply_Twice_SameTree()
    {
        static string Dump(FileTree tree) => string.Join('\n', tree.EnumerateDepthFirst()
            .Select(e => $"{e.Path} {e.Node.Kind} {(e.Node as SymbolicLinkNode)?.Target} {e.Node.ModificationTime}"));
        var units = new SystemdUnits { Enable = ["sshd.service"], Mask = ["x.service"] };
        var first = Image(preset: "enable chronyd.service\n");
        var second = Image(preset: "enable chronyd.service\n");
        SystemdEnablement.Apply(first, units, Epoch);
        SystemdEnablement.Apply(second, units, Epoch);

        Assert.Equal(Dump(first), Dump(second));
    }
}
