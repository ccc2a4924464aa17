using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Services;

/// <summary>
/// A host folder laid out like an RPM-based image for differential tests against systemctl --root: the host's
/// real unit files (Debian's systemd 252 package and friends) under /usr/lib/systemd/system, the real presets of
/// the CentOS 7 centos-release fixture RPM, Debian's 90-systemd.preset, Fedora's "disable *" and a test preset.
/// No /lib symlink: Debian's systemctl searches /lib/systemd/system before /usr/lib and would name that path.
/// </summary>
internal static class SystemdRoot
{
    public const string TestPreset = """
        # instances of a template, a glob ("ignore" is left out: systemd 252 predates it)
        enable getty@.service tty1 tty3
        enable postgresql@.service 15-main
        disable systemd-timesyncd.service
        enable e2scrub*
        enable reboot.target
        """;

    public static string Create(TempDirectory temp)
    {
        ExternalTool.Require("rpm2cpio", "rpm");
        ExternalTool.Require("cpio", "cpio");
        var root = temp.Path("root");
        Directory.CreateDirectory(Path.Combine(root, "usr/lib/systemd/system"));
        Directory.CreateDirectory(Path.Combine(root, "etc/systemd/system-preset"));
        var rpm = Fixtures.Path("rpms/cavaliergopher-rpm/testdata/centos-release-7-2.1511.el7.centos.2.10.x86_64.rpm");
        ExternalTool.Shell($"cp -a /lib/systemd/system/. '{root}/usr/lib/systemd/system/' && cd '{root}' && rpm2cpio '{rpm}' | cpio -idm --quiet"
            + $" && cp /usr/lib/systemd/system-preset/90-systemd.preset '{root}/usr/lib/systemd/system-preset/'")
            .EnsureSuccess("building the unit root");
        File.WriteAllText(Path.Combine(root, "usr/lib/systemd/system-preset/99-default-disable.preset"), "disable *\n");
        // [Install] in drop-ins counts for systemctl: one for a plain unit (an /etc one hiding a vendor one of the
        // same name), one for a template.
        Directory.CreateDirectory(Path.Combine(root, "usr/lib/systemd/system/fstrim.timer.d"));
        Directory.CreateDirectory(Path.Combine(root, "etc/systemd/system/fstrim.timer.d"));
        Directory.CreateDirectory(Path.Combine(root, "usr/lib/systemd/system/serial-getty@.service.d"));
        File.WriteAllText(Path.Combine(root, "usr/lib/systemd/system/fstrim.timer.d/50-vendor.conf"), "[Install]\nWantedBy=basic.target\n");
        File.WriteAllText(Path.Combine(root, "usr/lib/systemd/system/fstrim.timer.d/60-hidden.conf"), "[Install]\nWantedBy=hidden.target\n");
        File.WriteAllText(Path.Combine(root, "etc/systemd/system/fstrim.timer.d/60-hidden.conf"), "[Install]\nAlias=trim.timer\n");
        File.WriteAllText(Path.Combine(root, "usr/lib/systemd/system/serial-getty@.service.d/10-x.conf"), "[Install]\nRequiredBy=console.target\n");
        File.WriteAllText(Path.Combine(root, "etc/systemd/system-preset/50-test.preset"), TestPreset + "\n");
        return root;
    }

    public static FileTree Load(string root) => FileTreeLoader.FromDirectory(root, new FileTreeLoaderOptions { AllRoot = true });

    public static void Systemctl(string root, params string[] arguments)
        => ExternalTool.Run(ExternalTool.Require("systemctl", "systemd"), [$"--root={root}", .. arguments]).EnsureSuccess("systemctl " + string.Join(' ', arguments));

    /// <summary>Every symlink (path → target) and directory ("path/") below /etc/systemd/system in a host folder.</summary>
    public static SortedSet<string> Snapshot(string root)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        var start = Path.Combine(root, "etc/systemd/system");
        if (!Directory.Exists(start))
        {
            return result;
        }

        foreach (var path in Directory.EnumerateFileSystemEntries(start, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = "/" + Path.GetRelativePath(root, path);
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                result.Add($"{relative} -> {target}");
            }
            else if (Directory.Exists(path))
            {
                result.Add(relative + "/");
            }
        }

        return result;
    }

    /// <summary>The same view of a tree.</summary>
    public static SortedSet<string> Snapshot(FileTree tree)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in tree.EnumerateDepthFirst())
        {
            if (!entry.Path.StartsWith("/etc/systemd/system/", StringComparison.Ordinal))
            {
                continue;
            }

            if (entry.Node is SymbolicLinkNode link)
            {
                result.Add($"{entry.Path} -> {link.Target}");
            }
            else if (entry.Node is DirectoryNode)
            {
                result.Add(entry.Path + "/");
            }
        }

        return result;
    }

    /// <summary>Equal sets, reported as the lines only systemctl made and the lines only we made.</summary>
    public static void AssertSame(SortedSet<string> expected, SortedSet<string> actual)
    {
        var missing = string.Join("\n", expected.Except(actual));
        var extra = string.Join("\n", actual.Except(expected));
        Assert.True(missing.Length + extra.Length == 0, $"only systemctl:\n{missing}\nonly ours:\n{extra}");
    }
}
