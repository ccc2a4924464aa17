using Basalt.Imaging.Tree;
using Basalt.TestInfrastructure;

namespace Basalt.Compose.Tests.Boot.Initrd;

/// <summary>
/// Debian 12's cloud kernel, busybox-static, veritysetup and its libraries, fetched by scripts/fetch-boot-debs.sh
/// (into $BASALT_DEB_CACHE or ~/.cache/basalt/debian) and unpacked with dpkg-deb once per test run. Two trees of the
/// same folder: <see cref="Tree"/> as the packages ship it (no modules.dep), <see cref="TreeWithModulesDep"/> after
/// <c>depmod -b</c> ran on it.
/// </summary>
internal static class DebianBoot
{
    private static readonly Lock Gate = new();
    private static string? _directory;
    private static string? _version;
    private static FileTree? _tree;
    private static FileTree? _treeWithModulesDep;

    /// <summary>The unpacked folder (skips the test when apt-get or dpkg-deb is missing).</summary>
    public static string Directory
    {
        get
        {
            ExternalTool.Require("apt-get", "apt");
            ExternalTool.Require("dpkg-deb", "dpkg");
            lock (Gate)
            {
                return _directory ??= Unpack();
            }
        }
    }

    /// <summary>The kernel version ("6.1.0-56-cloud-amd64").</summary>
    public static string KernelVersion
    {
        get
        {
            var directory = Directory;
            return _version ??= Path.GetFileName(System.IO.Directory.GetDirectories(Path.Combine(directory, "lib/modules")).Single());
        }
    }

    /// <summary>The module directory on the host.</summary>
    public static string ModuleDirectory => Path.Combine(Directory, "lib/modules", KernelVersion);

    /// <summary>The packages' files, without depmod output.</summary>
    public static FileTree Tree
    {
        get
        {
            var directory = Directory;
            lock (Gate)
            {
                return _tree ??= FileTreeLoader.FromDirectory(directory);
            }
        }
    }

    /// <summary>The same files after <c>depmod -b DIR VERSION</c> (skips without kmod).</summary>
    public static FileTree TreeWithModulesDep
    {
        get
        {
            var depmod = ExternalTool.Require("depmod", "kmod");
            _ = Tree; // loaded before depmod writes into the folder, so it stays without modules.dep
            lock (Gate)
            {
                if (_treeWithModulesDep is null)
                {
                    ExternalTool.Run(depmod, ["-b", Directory, KernelVersion]).EnsureSuccess("depmod");
                    _treeWithModulesDep = FileTreeLoader.FromDirectory(Directory);
                }

                return _treeWithModulesDep;
            }
        }
    }

    private static string Unpack()
    {
        var cache = ExternalTool.Run(Path.Combine(Fixtures.RepoRoot, "scripts/fetch-boot-debs.sh"), [], timeout: TimeSpan.FromMinutes(10))
            .EnsureSuccess("scripts/fetch-boot-debs.sh").StandardOutput.Trim();
        var target = Path.Combine(Path.GetTempPath(), $"basalt-boot-debs-{Environment.ProcessId}");
        if (System.IO.Directory.Exists(target))
        {
            System.IO.Directory.Delete(target, recursive: true);
        }

        System.IO.Directory.CreateDirectory(target);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(target, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        foreach (var deb in System.IO.Directory.GetFiles(cache, "*.deb").Order(StringComparer.Ordinal))
        {
            if (!Path.GetFileName(deb).StartsWith("systemd-boot-efi_", StringComparison.Ordinal))
            {
                ExternalTool.Run("dpkg-deb", ["-x", deb, target]).EnsureSuccess($"dpkg-deb -x {deb}");
            }
        }

        return target;
    }
}
