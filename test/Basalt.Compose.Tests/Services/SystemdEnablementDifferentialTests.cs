using Basalt.Compose.Definition;
using Basalt.Compose.Services;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Services;

/// <summary>The same root handled by systemctl --root (systemd 252) and by <see cref="SystemdEnablement"/>: same links and directories.</summary>
public sealed class SystemdEnablementDifferentialTests
{
    [Fact]
    public void Apply_PresetsOnly_MatchesSystemctlPresetAll()
    {
        using var temp = new TempDirectory();
        var root = SystemdRoot.Create(temp);
        var tree = SystemdRoot.Load(root);

        SystemdRoot.Systemctl(root, "preset-all");
        var notes = SystemdEnablement.Apply(tree, new SystemdUnits(), 1_700_000_000);

        var expected = SystemdRoot.Snapshot(root);
        Assert.Contains("/etc/systemd/system/getty.target.wants/getty@tty3.service -> /usr/lib/systemd/system/getty@.service", expected);
        SystemdRoot.AssertSame(expected, SystemdRoot.Snapshot(tree));
        Assert.Contains("enabled getty@tty1.service (preset 50-test.preset)", notes);
    }

    [Fact]
    public void Apply_EnableDisableMask_MatchesSystemctl()
    {
        using var temp = new TempDirectory();
        var root = SystemdRoot.Create(temp);
        var tree = SystemdRoot.Load(root);
        var units = new SystemdUnits
        {
            Enable = ["systemd-networkd.service", "serial-getty@ttyS0.service", "fstrim.timer", "dbus-org.freedesktop.login1.service", "postgresql@15-main.service"],
            Disable = ["reboot.target", "getty@tty1.service", "systemd-networkd.socket"],
            Mask = ["fstrim.service", "no-such-unit.service", "cryptdisks.service"],
        };

        SystemdRoot.Systemctl(root, "preset-all");
        SystemdRoot.Systemctl(root, ["enable", .. units.Enable]);
        SystemdRoot.Systemctl(root, ["disable", .. units.Disable]);
        SystemdRoot.Systemctl(root, ["mask", .. units.Mask]);
        SystemdEnablement.Apply(tree, units, 1_700_000_000);

        var expected = SystemdRoot.Snapshot(root);
        Assert.Contains("/etc/systemd/system/dbus-org.freedesktop.network1.service -> /usr/lib/systemd/system/systemd-networkd.service", expected);
        Assert.Contains("/etc/systemd/system/no-such-unit.service -> /dev/null", expected);
        Assert.Contains("/etc/systemd/system/trim.timer -> /usr/lib/systemd/system/fstrim.timer", expected);
        Assert.Contains("/etc/systemd/system/console.target.requires/serial-getty@ttyS0.service -> /usr/lib/systemd/system/serial-getty@.service", expected);
        SystemdRoot.AssertSame(expected, SystemdRoot.Snapshot(tree));
    }
}
